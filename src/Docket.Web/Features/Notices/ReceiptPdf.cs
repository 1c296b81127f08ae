using System.Globalization;
using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Notices;

public sealed record ReceiptPdfDocument(string FileName, long Bytes, string Sha256);

public sealed record ReceiptPdfModel(
    string ReceiptNumber,
    int Version,
    string CourtName,
    string CaseTypeName,
    string Title,
    string Cause,
    DateTime SubmittedAtUtc,
    string FilerName,
    IReadOnlyList<string> Parties,
    IReadOnlyList<ReceiptPdfDocument> Documents,
    string VerifyUrl);

/// <summary>The electronic receipt for an online filing (网上立案电子回执).</summary>
public static class ReceiptPdf
{
    public const string DocumentTitle = "网上立案电子回执";

    public static byte[] Render(ReceiptPdfModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var submitted = ChinaTime.ToLocal(m.SubmittedAtUtc);
        var inv = CultureInfo.InvariantCulture;

        using var pdf = new PdfNoticeWriter($"{DocumentTitle} {m.ReceiptNumber}");
        pdf.CourtHeader(m.CourtName)
           .Title(DocumentTitle)
           .Field("回执编号", m.ReceiptNumber)
           .Field("版本", string.Create(inv, $"第 {m.Version} 版"))
           .Field("提交时间", submitted.ToString("yyyy年M月d日 HH:mm:ss", inv) + "（北京时间）")
           .Field("受理法院", m.CourtName)
           .Field("案件类型", m.CaseTypeName)
           .Field("案件名称", m.Title)
           .Field("案由", m.Cause)
           .Field("提交人", m.FilerName)
           .Field("当事人", m.Parties.Count == 0 ? "—" : string.Join('\n', m.Parties));

        pdf.Heading("提交材料清单")
           .Table(
               ["序号", "文件名", "字节数", "SHA-256"],
               m.Documents.Select((d, i) => new[]
               {
                   (i + 1).ToString(inv),
                   d.FileName,
                   d.Bytes.ToString("N0", inv),
                   d.Sha256,
               }),
               [0.07, 0.37, 0.14, 0.42],
               size: 9,
               align: [CellAlign.Center, CellAlign.Left, CellAlign.Right, CellAlign.Left]);

        pdf.Paragraph(
            "　　本院已收到你（单位）通过网上立案平台提交的上述起诉材料。" +
            "依照《中华人民共和国民事诉讼法》《最高人民法院关于人民法院登记立案若干问题的规定》，" +
            "本院将在法定期限内审查并决定是否登记立案；材料不符合要求需要补正的，将一次性告知补正内容。" +
            "本回执仅证明上述材料已于所载时间提交，不代表已登记立案。");

        pdf.QrCode(m.VerifyUrl, "扫描二维码或访问以下地址，可核验本回执的真实性及所列材料的 SHA-256 摘要：\n" + m.VerifyUrl);

        pdf.SignatureBlock(m.CourtName, submitted.ToString("yyyy年M月d日", inv))
           .SealOrNote(null)
           .Footer($"回执编号 {m.ReceiptNumber}（第 {m.Version.ToString(inv)} 版）　本回执由网上立案平台自动生成");

        return pdf.ToArray();
    }
}
