using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Docket.Web.Features.Filings;

/// <summary>
/// The canonical form and hash of audit events (filing.md, "Audit events are append-only and hash-chained"):
/// SHA-256 over the previous hash and the event's fields in a fixed order, the instant as UTC with whole
/// microseconds, so that the chain verifies after a round trip through PostgreSQL.
/// </summary>
public static class AuditChain
{
    public static string Canonical(FilingEvent e) => string.Join('\n',
        e.PreviousHash ?? "",
        e.FilingId,
        e.Sequence.ToString(CultureInfo.InvariantCulture),
        DateTime.SpecifyKind(e.At, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        e.ActorId,
        e.ActorRole,
        e.Action,
        e.FromStatus ?? "",
        e.ToStatus,
        e.Note ?? "");

    public static string Hash(FilingEvent e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e))));

    /// <summary>Recomputes the chain; returns the first sequence that does not verify, or null when all do.</summary>
    public static int? FirstBroken(IEnumerable<FilingEvent> ordered)
    {
        string? previous = null;
        var expected = 1;
        foreach (var e in ordered)
        {
            if (e.Sequence != expected || e.PreviousHash != previous || Hash(e) != e.Hash) return e.Sequence;
            previous = e.Hash;
            expected++;
        }
        return null;
    }
}
