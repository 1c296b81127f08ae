using System.Globalization;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notices;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Counter;

public sealed record ClaimCodeDto(string ClaimCode, DateTimeOffset ExpiresAt, string Phone);

/// <summary>
/// The printed counter receipt (cross-region.md, step 4): the filing's receipt data and a fresh one-time claim
/// code — each print voids the codes printed before, and only the code's hash is kept.
/// </summary>
public sealed class CounterReceipt(DocketDbContext db, TimeProvider clock)
{
    public sealed record Printed(ClaimCodeDto Code, byte[] Pdf);

    public async Task<Result<Printed>> IssueAsync(Clerk clerk, string id, string verifyBaseUrl, CancellationToken ct)
    {
        var filing = await CounterScope.Entered(db, clerk.CourtId).AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();
        if (filing.AttachedAt is not null) return Error.Conflict("counter.attached");
        if (filing.ReceiptVersion == 0) return Error.Conflict("counter.not-submitted");
        var litigant = await db.Users.AsNoTracking().FirstAsync(u => u.Id == filing.OwnerId, ct);
        var receipt = await db.Receipts.AsNoTracking().Where(r => r.FilingId == id).OrderByDescending(r => r.Version).FirstAsync(ct);

        var now = ChinaTime.UtcNow(clock);
        await db.ClaimCodes.Where(c => c.FilingId == id && c.UsedAt == null && c.VoidedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.VoidedAt, now), ct);
        var code = ClaimCodeRules.NewCode();
        var row = new ClaimCode
        {
            Id = Filing.NewId(), FilingId = id, CodeHash = ClaimCodeRules.Hash(ClaimCodeRules.Normalize(code)!), IssuedById = clerk.User.Id,
            IssuedAt = now, ExpiresAt = now + ClaimCodeRules.Lifetime,
        };
        db.ClaimCodes.Add(row);
        await db.SaveChangesAsync(ct);

        var courts = await db.Courts.AsNoTracking().Where(c => c.Id == filing.CourtId || c.Id == clerk.CourtId)
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var phone = ClaimCodeRules.MaskPhone(litigant.ProfilePhone ?? "");
        var pdf = Render(new Model(
            receipt.ReceiptNumber, receipt.Version, receipt.SubmittedAt, courts[clerk.CourtId], courts[filing.CourtId],
            CaseTypes.Name(filing.CaseType), filing.Title, litigant.FullName ?? "", MaskId(litigant.IdNumber),
            phone, filing.EnteredByName ?? clerk.User.DisplayName, receipt.Documents.Count, code, row.ExpiresAt,
            $"{verifyBaseUrl.TrimEnd('/')}/verify/receipt/{Uri.EscapeDataString(receipt.ReceiptNumber)}",
            filing.CooperatingCourtId is not null));
        return new Printed(new ClaimCodeDto(code, ChinaTime.ToOffset(row.ExpiresAt), phone), pdf);
    }

    static string MaskId(string? id) => id is { Length: > 8 } ? $"{id[..4]}**********{id[^4..]}" : "****";

    public sealed record Model(
        string ReceiptNumber, int Version, DateTime SubmittedAtUtc, string CounterCourtName, string CourtName, string CaseTypeName,
        string Title, string LitigantName, string MaskedId, string MaskedPhone, string ClerkName, int DocumentCount, string ClaimCode,
        DateTime ExpiresAtUtc, string VerifyUrl, bool CrossRegion);

    public const string DocumentTitle = "立案窗口代为录入回执";

    public static byte[] Render(Model m)
    {
        var inv = CultureInfo.InvariantCulture;
        var submitted = ChinaTime.ToLocal(m.SubmittedAtUtc);
        using var pdf = new PdfNoticeWriter($"{DocumentTitle} {m.ReceiptNumber}");
        pdf.CourtHeader(m.CounterCourtName)
           .Title(DocumentTitle)
           .Field("回执编号", m.ReceiptNumber)
           .Field("提交时间", submitted.ToString("yyyy年M月d日 HH:mm:ss", inv) + "（北京时间）")
           .Field("管辖法院", m.CourtName)
           .Field("录入法院", m.CrossRegion ? $"{m.CounterCourtName}（跨域立案协作法院）" : m.CounterCourtName)
           .Field("案件类型", m.CaseTypeName)
           .Field("案件名称", m.Title)
           .Field("当事人", $"{m.LitigantName}（身份证件 {m.MaskedId}）")
           .Field("材料份数", m.DocumentCount.ToString(inv))
           .Field("录入人", m.ClerkName);
        pdf.Heading("认领码")
           .Centered(m.ClaimCode, size: 22, bold: true, letterSpacingEm: 0.1)
           .Paragraph(
               $"　　本认领码仅可使用一次，有效期至 {ChinaTime.ToLocal(m.ExpiresAtUtc).ToString("yyyy年M月d日", inv)}。" +
               "您可登录网上立案平台，在“我的立案—认领窗口立案”中输入认领码，并输入发送至手机 " + m.MaskedPhone +
               " 的短信验证码，将本案关联到您本人的账户，在线查看进度、补正材料和接收文书。" +
               "请妥善保管本回执，不要将认领码告诉他人；仅凭身份证号码和手机号码不能认领。遗失的，可持身份证件到立案窗口重新打印，原认领码随即作废。");
        pdf.Paragraph(m.CrossRegion
            ? "　　本案由本院作为协作法院代为接收，经本院核验身份和形式要件后转交管辖法院审查；是否登记立案由管辖法院依法决定。纸质材料原件将于一个工作日内寄送管辖法院。"
            : "　　本院将在法定期限内审查并决定是否登记立案；材料不符合要求需要补正的，将一次性告知补正内容。本回执不代表已登记立案。");
        pdf.QrCode(m.VerifyUrl, "扫描二维码可核验本案网上立案电子回执：\n" + m.VerifyUrl);
        pdf.SignatureBlock(m.CounterCourtName, submitted.ToString("yyyy年M月d日", inv))
           .SealOrNote(null)
           .Footer($"回执编号 {m.ReceiptNumber}（第 {m.Version.ToString(inv)} 版）　立案窗口代为录入");
        return pdf.ToArray();
    }
}
