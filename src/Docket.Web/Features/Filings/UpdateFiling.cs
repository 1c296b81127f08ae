using Docket.Web.Features.Accounts;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Filings;

/// <summary>Edits a draft (or a filing under correction): parties, claims, facts, cause, amount, capacity.</summary>
public sealed class UpdateFiling(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(
        string? Title, string? Cause, string? Matter, decimal? ClaimAmount, List<string?>? Claims, string? FactsAndReasons,
        List<PartyDto?>? Parties, string? FilerCapacity, string? AgentType, bool? LaborRemuneration);

    public const int MaxParties = 50;
    public const int MaxClaims = 50;
    /// <summary>An amount above this (a trillion yuan) is a typing error, not a claim.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <param name="expectedVersion">
    /// From <c>If-Match</c>: the version the client edited; another one answers 409. Without it the edit replaces
    /// whatever is there (the filer's own newest content), so a save racing the page's autosave is retried once.
    /// </param>
    public async Task<Result<FilingDto>> HandleAsync(string ownerId, string id, Request? request, CancellationToken ct, int? expectedVersion = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var filing = await FilingQueries.Owned(db, id, ownerId).FirstOrDefaultAsync(ct);
            if (filing is null) return Error.NotFound();
            if (expectedVersion is { } v && v != filing.Version) return Error.Conflict("request.concurrent-change");
            if (request is null) return Error.BadRequest("request.malformed");
            if (!FilingStatus.IsEditable(filing.Status)) return Error.InvalidTransition;
            var caseType = CaseTypes.Find(filing.CaseType)!;

            var result = Validate(request, caseType);
            if (!result.IsOk) return result.Error!;
            filing.Edit(result.Value, ChinaTime.UtcNow(clock));
            try
            {
                await db.SaveChangesAsync(ct);
                return FilingDto.From(filing);
            }
            catch (DbUpdateConcurrencyException) when (expectedVersion is null && attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    public static Result<Filing.Content> Validate(Request r, CaseType caseType)
    {
        var e = new FieldErrors();
        var cause = (r.Cause ?? "").Trim();
        if (cause.Length > 100) e.Add("cause", "filing.cause-too-long");
        var title = (r.Title ?? "").Trim();
        if (title.Length > 200) e.Add("title", "filing.title-too-long");
        var matter = (r.Matter ?? "").Trim();
        if (matter.Length > 0 && !caseType.Matters.Contains(matter)) e.Add("matter", "filing.matter-invalid");
        long? fen = null;
        if (r.ClaimAmount is { } amount)
        {
            if (amount <= 0) e.Add("claimAmount", "filing.claim-amount-not-positive");
            else if (amount > MaxAmount) e.Add("claimAmount", "filing.claim-amount-too-large");
            else if (decimal.Round(amount, 2) != amount) e.Add("claimAmount", "money.too-many-decimals");
            else fen = (long)(amount * 100);
        }
        var claims = new List<string>();
        if (r.Claims is { Count: > MaxClaims }) e.Add("claims", "filing.too-many-claims");
        else
            foreach (var (c, i) in (r.Claims ?? []).Select((c, i) => (c, i)))
            {
                var text = (c ?? "").Trim();
                if (text.Length > 2000) e.Add($"claims[{i}]", "filing.claim-too-long");
                else if (text.Length > 0) claims.Add(text);
            }
        var facts = (r.FactsAndReasons ?? "").Trim();
        if (facts.Length > 20000) e.Add("factsAndReasons", "filing.facts-too-long");
        var capacity = r.FilerCapacity ?? "party";
        if (capacity is not ("party" or "agent")) e.Add("filerCapacity", "filing.filer-capacity-invalid");
        if (r.AgentType is not (null or "lawyer" or "other")) e.Add("agentType", "filing.agent-type-invalid");

        var parties = new List<Party>();
        if (r.Parties is { Count: > MaxParties }) e.Add("parties", "filing.too-many-parties");
        else
            foreach (var (p, i) in (r.Parties ?? []).Select((p, i) => (p, i)))
            {
                var party = ValidateParty(p, $"parties[{i}]", e);
                if (party is not null) parties.Add(party);
            }
        if (e.Any) return e.ToError();
        return new Filing.Content(title.Length > 0 ? title : cause, cause, matter, fen, claims, facts, parties, capacity,
            capacity == "agent" ? r.AgentType ?? "other" : null, r.LaborRemuneration ?? false);
    }

    static Party? ValidateParty(PartyDto? p, string at, FieldErrors e)
    {
        if (p is null) { e.Add(at, "party.missing"); return null; }
        if (p.Role is not ("plaintiff" or "defendant" or "third-party")) e.Add(at + ".role", "party.role-invalid");
        if (p.Kind is not ("person" or "organization")) e.Add(at + ".kind", "party.kind-invalid");
        var name = (p.Name ?? "").Trim();
        if (name.Length > 200) e.Add(at + ".name", "party.name-too-long");
        if (p.IdType is not (null or "") && !AccountRules.IdTypes.Contains(p.IdType)) e.Add(at + ".idType", "profile.id-type-invalid");
        var idNumber = string.IsNullOrWhiteSpace(p.IdNumber) ? null : p.IdNumber.Trim();
        var idType = string.IsNullOrWhiteSpace(p.IdType) ? (idNumber is null ? null : "resident-id") : p.IdType;
        if (idNumber is not null)
        {
            if (idNumber.Length > 40) e.Add(at + ".idNumber", "profile.id-number-too-long");
            else if (idType == "resident-id" && !IdentityNumbers.IsValidResidentId(idNumber)) e.Add(at + ".idNumber", "profile.id-number-invalid");
            else if (idType == "resident-id") idNumber = IdentityNumbers.Normalize(idNumber);
        }
        var uscc = string.IsNullOrWhiteSpace(p.Uscc) ? null : IdentityNumbers.Normalize(p.Uscc);
        if (uscc is not null && !IdentityNumbers.IsValidUscc(uscc)) e.Add(at + ".uscc", "party.uscc-invalid");
        if (p.Phone is { Length: > 0 } && !AccountRules.IsPhone(p.Phone)) e.Add(at + ".phone", "profile.phone-invalid");
        if ((p.Address ?? "").Length > 300) e.Add(at + ".address", "party.address-too-long");
        if ((p.LegalRepresentative ?? "").Length > 100) e.Add(at + ".legalRepresentative", "party.legal-representative-too-long");
        return new Party
        {
            Role = p.Role ?? "", Kind = p.Kind ?? "", Name = name, IdType = idType, IdNumber = idNumber, Uscc = uscc,
            LegalRepresentative = string.IsNullOrWhiteSpace(p.LegalRepresentative) ? null : p.LegalRepresentative.Trim(),
            Phone = string.IsNullOrWhiteSpace(p.Phone) ? null : AccountRules.NormalizePhone(p.Phone),
            Address = string.IsNullOrWhiteSpace(p.Address) ? null : p.Address.Trim(),
        };
    }
}
