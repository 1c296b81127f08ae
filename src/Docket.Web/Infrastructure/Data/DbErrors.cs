using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Docket.Web.Infrastructure.Data;

/// <summary>Provider error codes in one place (STYLE rule 10): which failures mean "someone else wrote first".</summary>
public static class DbErrors
{
    /// <summary>A unique or primary-key violation: a concurrent request inserted the same row (e.g. the same audit sequence).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
