namespace Docket.Web.Infrastructure.Data;

public static class BatchInsert
{
    /// <summary>
    /// Inserts many new rows in one <c>SaveChanges</c> without change detection (thousands of attendance or roll rows
    /// at once), then leaves the change tracker empty and as it found it — also when the insert fails (the caller
    /// decides what a unique violation means).
    /// </summary>
    public static async Task InsertAllAsync<T>(this DocketDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.Set<T>().AddRange(rows);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
