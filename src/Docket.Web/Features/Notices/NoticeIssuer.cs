using System.Text.Json;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Fees;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Notices;

/// <summary>
/// Freezes the contents of a court notice at the moment it is issued (filing.md lists what each must say) and
/// renders it as PDF from that snapshot later. The seal and the verification link are added at render time.
/// </summary>
public static class NoticeIssuer
{
    /// <summary>举证期限 for a first-instance case: at least 15 days (SPC interpretation of the CPL, Art. 99).</summary>
    public const int EvidenceDays = 15;

    public static Notice Acceptance(Filing f, Court court, string clerkName, DateTime now)
    {
        var t = CaseTypes.Find(f.CaseType);
        var model = new AcceptanceNoticeModel(court.Name, f.CaseNumber!, t?.NameZh ?? f.CaseType, f.Cause, Parties(f, t),
            ChinaTime.DateOf(now), f.Procedure ?? "ordinary", EvidenceDays, clerkName, court.FilingOfficePhone, court.Address, null, "");
        return New(f, court, NoticeKinds.Acceptance, "受理通知书", f.CaseNumber!, model, now);
    }

    public static Notice Fee(Filing f, Court court, FeeAssessment fee, DateOnly? dueDate, DateTime now)
    {
        var t = CaseTypes.Find(f.CaseType);
        var payers = Parties(f, t).Where((_, i) => f.Parties[i].Role == "plaintiff").ToList();
        var model = new FeeNoticeModel(court.Name, f.CaseNumber!, f.Cause, payers, MatterName(f.Matter), f.ClaimAmount, fee.FullFee,
            fee.Prepaid, fee.Reduction == "simplified" ? "适用简易程序审理的案件减半交纳案件受理费（诉讼费用交纳办法第十六条）" : null,
            [.. fee.Basis.Select(s => new NoticeFeeSlice(s.From, s.To, s.Rate, s.Fee))], ChinaTime.DateOf(now), dueDate,
            court.PayeeName, court.PayeeBank, court.PayeeAccount, null, "");
        return New(f, court, NoticeKinds.Fee, "交纳诉讼费用通知书", f.CaseNumber!, model, now);
    }

    /// <summary>
    /// A fee notice issued again after a judicial-aid decision (fee measures Arts. 44–51) that leaves something to pay:
    /// the reduced amount or the deferred due date, with the decision stated; served like every notice.
    /// </summary>
    public static Notice FeeAfterJudicialAid(Filing f, Court court, string decisionNote, DateTime now)
    {
        var t = CaseTypes.Find(f.CaseType);
        var payers = Parties(f, t).Where((_, i) => f.Parties[i].Role == "plaintiff").ToList();
        var basis = string.IsNullOrEmpty(f.FeeBasisJson) ? [] : JsonSerializer.Deserialize<List<FeeSliceView>>(f.FeeBasisJson) ?? [];
        var model = new FeeNoticeModel(court.Name, f.CaseNumber!, f.Cause, payers, MatterName(f.Matter), f.ClaimAmount,
            (f.FeeFullAmountFen ?? f.FeeAmountFen ?? 0) / 100m, (f.FeeAmountFen ?? 0) / 100m, decisionNote,
            [.. basis.Select(s => new NoticeFeeSlice(s.From, s.To, s.Rate, s.Fee))], ChinaTime.DateOf(now), f.FeeDueDate,
            court.PayeeName, court.PayeeBank, court.PayeeAccount, null, "");
        return New(f, court, NoticeKinds.Fee, "交纳诉讼费用通知书（司法救助决定后）", f.CaseNumber!, model, now);
    }

    public static Notice Correction(Filing f, Court court, string receiptNumber, string filerName, string clerkName, DateTime now)
    {
        var model = new CorrectionNoticeModel(court.Name, receiptNumber, f.Title, filerName, f.CorrectionItems, f.CorrectionDueDate!.Value,
            ChinaTime.DateOf(now), clerkName, court.FilingOfficePhone, null, "");
        return New(f, court, NoticeKinds.Correction, "补正通知书", receiptNumber, model, now);
    }

    public static Notice Rejection(Filing f, Court court, string receiptNumber, string appealCourtName, DateTime now)
    {
        var t = CaseTypes.Find(f.CaseType);
        var model = new RejectionRulingModel(court.Name, receiptNumber, f.CaseType == "administrative-first-instance", Parties(f, t), f.Cause,
            f.RejectionReasons!, f.RulingLegalBasis ?? "", f.RulingJudge ?? "", f.RulingDate!.Value, appealCourtName, FilingDto.AppealDays, null, "");
        return New(f, court, NoticeKinds.Rejection, f.CaseType == "administrative-first-instance" ? "行政裁定书" : "民事裁定书", receiptNumber, model, now);
    }

    public static byte[] Render(Notice n, byte[]? seal, string verifyUrl) => n.Kind switch
    {
        NoticeKinds.Acceptance => NoticePdfs.Acceptance(Read<AcceptanceNoticeModel>(n) with { SealImage = seal, VerifyUrl = verifyUrl }),
        NoticeKinds.Fee => NoticePdfs.Fee(Read<FeeNoticeModel>(n) with { SealImage = seal, VerifyUrl = verifyUrl }),
        NoticeKinds.Correction => NoticePdfs.Correction(Read<CorrectionNoticeModel>(n) with { SealImage = seal, VerifyUrl = verifyUrl }),
        NoticeKinds.Rejection => NoticePdfs.Rejection(Read<RejectionRulingModel>(n) with { SealImage = seal, VerifyUrl = verifyUrl }),
        _ => throw new InvalidOperationException("Unknown notice kind " + n.Kind),
    };

    static T Read<T>(Notice n) => JsonSerializer.Deserialize<T>(n.ContentJson) ?? throw new InvalidOperationException("Empty notice " + n.Id);

    static Notice New<T>(Filing f, Court court, string kind, string title, string number, T model, DateTime now) => new()
    {
        Id = Filing.NewId(), FilingId = f.Id, CourtId = court.Id, Kind = kind, Title = title, Number = number, IssuedAt = now, ServedAt = now,
        ContentJson = JsonSerializer.Serialize(model),
    };

    static List<NoticeParty> Parties(Filing f, CaseType? t) =>
        [.. f.Parties.Select(p => new NoticeParty(FilingReads.PartyLabel(t, p.Role), p.Name))];

    public static string MatterName(string matter) => matter switch
    {
        "property" => "财产案件", "divorce" => "离婚案件", "personality-rights" => "人格权案件", "other-non-property" => "其他非财产案件",
        "intellectual-property" => "知识产权民事案件", "labour" => "劳动争议案件", "administrative" => "行政案件",
        "administrative-ip-maritime" => "商标、专利、海事行政案件", "enforcement" => "申请执行", "payment-order" => "申请支付令",
        "special-procedure" => "特别程序", "preservation" => "申请保全", _ => matter,
    };
}
