using System.Security.Cryptography;
using System.Text;
using Docket.Web.Features.Accounts;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Filings;

/// <summary>Starts a draft at a court; an <c>Idempotency-Key</c> makes a retried request return the same draft.</summary>
public sealed class CreateFiling(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(string? CourtId, string? CaseType, string? CooperatingCourtId);

    /// <summary>The filing, and whether it was created now (201) or found by its idempotency key (200).</summary>
    public sealed record Response(FilingDto Filing, bool Created);

    public async Task<Result<Response>> HandleAsync(User owner, Request? request, string? idempotencyKey, CancellationToken ct)
    {
        if (request is null) return Error.BadRequest("request.malformed");
        if (idempotencyKey is { Length: > 200 }) return Error.Validation("Idempotency-Key", "filing.idempotency-key-too-long");
        var requestHash = Hash(request);
        if (!string.IsNullOrEmpty(idempotencyKey))
        {
            var seen = await FindKeyAsync(owner.Id, idempotencyKey, requestHash, ct);
            if (seen is not null) return seen.Value;
        }

        var e = new FieldErrors();
        var caseType = CaseTypes.Find(request.CaseType);
        var court = string.IsNullOrWhiteSpace(request.CourtId) ? null
            : await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CourtId, ct);
        if (court is null) e.Add("courtId", "court.unknown");
        if (caseType is null) e.Add("caseType", "filing.case-type-unknown");
        else if (court is not null && !court.Policy.CaseTypes.Contains(caseType.Code)) e.Add("caseType", "filing.case-type-not-accepted");
        if (!string.IsNullOrWhiteSpace(request.CooperatingCourtId))
        {
            var coop = await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.CooperatingCourtId, ct);
            if (coop is null) e.Add("cooperatingCourtId", "court.unknown");
            else if (coop.Id == request.CourtId) e.Add("cooperatingCourtId", "filing.cooperating-court-same");
            else if (!coop.Policy.CrossRegionAccepts || (caseType is not null && !coop.Policy.CrossRegionCaseTypes.Contains(caseType.Code)))
                e.Add("cooperatingCourtId", "filing.cross-region-not-accepted");
        }
        if (e.Any) return e.ToError();

        var now = ChinaTime.UtcNow(clock);
        var filing = Filing.Create(owner.Id, court!.Id, caseType!, string.IsNullOrWhiteSpace(request.CooperatingCourtId) ? null : request.CooperatingCourtId,
            owner.Actor(Roles.Filer), now);
        db.Filings.Add(filing);
        if (!string.IsNullOrEmpty(idempotencyKey))
            db.IdempotencyKeys.Add(new IdempotencyRecord { OwnerId = owner.Id, Key = idempotencyKey, RequestHash = requestHash, FilingId = filing.Id, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (!string.IsNullOrEmpty(idempotencyKey))
        {
            // A concurrent request with the same key won the race: answer as its repeat.
            db.ChangeTracker.Clear();
            var seen = await FindKeyAsync(owner.Id, idempotencyKey, requestHash, ct);
            if (seen is not null) return seen.Value;
            throw;
        }
        return new Response(FilingDto.From(filing), true);
    }

    async Task<Result<Response>?> FindKeyAsync(string ownerId, string key, string requestHash, CancellationToken ct)
    {
        var record = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.OwnerId == ownerId && k.Key == key, ct);
        if (record is null) return null;
        if (record.RequestHash != requestHash) return new Error(422, "filing.idempotency-key-reused");
        var filing = await FilingQueries.Owned(db, record.FilingId, ownerId).AsNoTracking().FirstOrDefaultAsync(ct);
        if (filing is null) return Error.NotFound();
        return new Response(FilingDto.From(filing), false);
    }

    static string Hash(Request r) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        $"{r.CourtId}\n{r.CaseType}\n{(string.IsNullOrWhiteSpace(r.CooperatingCourtId) ? "" : r.CooperatingCourtId)}")));
}

public static class FilingQueries
{
    /// <summary>The owner's filing with its documents; anyone else's id finds nothing (404, never a leak).</summary>
    public static IQueryable<Filing> Owned(DocketDbContext db, string id, string ownerId) =>
        db.Filings.Include(f => f.Documents).Where(f => f.Id == id && f.OwnerId == ownerId);
}
