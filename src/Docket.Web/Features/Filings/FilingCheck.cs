using Docket.Web.Features.Accounts;

namespace Docket.Web.Features.Filings;

/// <summary>One finding of the pre-submission check: a message code, whether it blocks, and the rule it comes from.</summary>
public sealed record CheckItem(string Code, bool Blocking, string Rule, string? Field = null, int? Party = null);

/// <summary>
/// The required materials of 登记立案规定 Arts. 4 and 6 and the online litigation rules, listed all at once
/// (filing.md, "Required materials"). Pure: the same list for the filer's check, the submit refusal and the clerk.
/// </summary>
public static class FilingCheck
{
    const string Art4 = "登记立案规定第四条";
    const string Art6 = "登记立案规定第六条";
    const string Online7 = "人民法院在线诉讼规则第七条";
    const string Service = "民事诉讼法第九十条";
    const string Fees = "诉讼费用交纳办法第十三条";

    public static IReadOnlyList<CheckItem> Run(Filing f, User owner)
    {
        var items = new List<CheckItem>();
        void Block(string code, string rule, string? field = null, int? party = null) => items.Add(new(code, true, rule, field, party));
        int Count(string kind) => f.Documents.Count(d => d.Kind == kind);
        var caseType = CaseTypes.Find(f.CaseType)!;

        if (!owner.ProfileComplete) Block("check.profile-incomplete", Online7);
        else if (!owner.Verified) Block("check.not-verified", Online7);
        if (!owner.ServiceAddressComplete) Block("check.service-address-missing", Service);

        if (Count("complaint") == 0) Block("check.complaint-missing", Art6, "documents");
        if (string.IsNullOrWhiteSpace(f.Cause)) Block("check.cause-missing", Art4, "cause");
        if (f.Claims.Count == 0) Block("check.claims-missing", Art4, "claims");
        if (string.IsNullOrWhiteSpace(f.FactsAndReasons)) Block("check.facts-missing", Art4, "factsAndReasons");
        if (string.IsNullOrEmpty(f.Matter)) Block("check.matter-missing", Fees, "matter");
        else if (f.Matter == "property" && f.ClaimAmountFen is not > 0) Block("check.claim-amount-missing", Fees, "claimAmount");
        else if (f.Matter == "payment-order" && f.ClaimAmountFen is not > 0) Block("check.claim-amount-missing", Fees, "claimAmount");

        var plaintiffs = f.Parties.Where(p => p.Role == "plaintiff").ToList();
        if (plaintiffs.Count == 0) Block("check.plaintiff-missing", Art4, "parties");
        if (!f.Parties.Any(p => p.Role == "defendant")) Block("check.defendant-missing", Art4, "parties");

        for (var i = 0; i < f.Parties.Count; i++)
        {
            var p = f.Parties[i];
            if (string.IsNullOrWhiteSpace(p.Name)) Block("check.party-name-missing", Art4, $"parties[{i}].name", i);
            if (p.Role == "plaintiff")
            {
                if (p.Kind == "person" && string.IsNullOrWhiteSpace(p.IdNumber)) Block("check.party-id-number-missing", Art6, $"parties[{i}].idNumber", i);
                if (p.Kind == "organization")
                {
                    if (string.IsNullOrWhiteSpace(p.Uscc)) Block("check.party-uscc-missing", Art6, $"parties[{i}].uscc", i);
                    if (string.IsNullOrWhiteSpace(p.LegalRepresentative)) Block("check.party-legal-representative-missing", Art6, $"parties[{i}].legalRepresentative", i);
                }
            }
            else if (p.Role == "defendant" && string.IsNullOrWhiteSpace(p.Address) && string.IsNullOrWhiteSpace(p.Phone)
                     && string.IsNullOrWhiteSpace(p.IdNumber) && string.IsNullOrWhiteSpace(p.Uscc))
                Block("check.defendant-contact-missing", Art4, $"parties[{i}].address", i);
        }

        // One identity document per natural-person plaintiff; a licence and a 法定代表人身份证明书 per organization.
        var persons = plaintiffs.Count(p => p.Kind == "person");
        var organizations = plaintiffs.Count(p => p.Kind == "organization");
        if (Count("identity") < persons) Block("check.identity-document-missing", Art6, "documents");
        if (Count("business-licence") < organizations) Block("check.business-licence-missing", Art6, "documents");
        if (Count("legal-rep-certificate") < organizations) Block("check.legal-rep-certificate-missing", Art6, "documents");

        if (f.FilerCapacity == "agent")
        {
            if (Count("power-of-attorney") == 0) Block("check.power-of-attorney-missing", Art6, "documents");
            if (Count("agent-identity") == 0) Block("check.agent-identity-missing", Art6, "documents");
            if (f.AgentType == "lawyer")
            {
                if (Count("lawyer-licence") == 0) Block("check.lawyer-licence-missing", Art6, "documents");
                if (Count("law-firm-letter") == 0) Block("check.law-firm-letter-missing", Art6, "documents");
            }
        }
        if (caseType.NeedsEffectiveJudgment && Count("effective-judgment") == 0) Block("check.effective-judgment-missing", Art6, "documents");
        if (caseType.NeedsMediationAgreement && Count("mediation-agreement") == 0) Block("check.mediation-agreement-missing", Art6, "documents");

        if (Count("evidence") == 0) items.Add(new("check.evidence-missing", false, Art6, "documents"));
        return items;
    }
}
