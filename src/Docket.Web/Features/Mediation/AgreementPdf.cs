using System.Globalization;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notices;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Mediation;

/// <summary>
/// 人民调解协议书 (人民调解法 Art. 29): the parties' details; the main facts, the dispute and each party's
/// responsibility; the agreed terms, how and when they are performed, the amount; a signature line for every party
/// and the mediator, and the room's name where the committee's seal goes.
/// </summary>
public sealed class AgreementPdf(DocketDbContext db)
{
    public const string DocumentTitle = "人民调解协议书";

    public async Task<Result<byte[]>> GetAsync(MediationStaff staff, string id, CancellationToken ct)
    {
        var c = await MediationScope.Visible(db, staff).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Error.NotFound();
        if (c.Status != MediationStatus.Agreement) return Error.Conflict("mediation.no-agreement");
        return await RenderAsync(c, ct);
    }

    public async Task<byte[]> RenderAsync(MediationCase c, CancellationToken ct)
    {
        var room = await db.MediationRooms.AsNoTracking().FirstAsync(r => r.Id == c.RoomId, ct);
        return Render(c, room.Name);
    }

    public static byte[] Render(MediationCase c, string roomName)
    {
        var inv = CultureInfo.InvariantCulture;
        var date = c.AgreementDate is { } d ? d.ToString("yyyy年M月d日", inv) : "";
        using var pdf = new PdfNoticeWriter($"{DocumentTitle} {c.PreLitigationNumber ?? c.Id}");
        pdf.CourtHeader(roomName).Title(DocumentTitle);
        if (c.PreLitigationNumber is { } number) pdf.Centered(number);
        pdf.Heading("当事人");
        foreach (var p in c.Parties)
        {
            var details = new List<string> { p.Name };
            if (p.Kind == "organization" && p.Uscc is { } uscc) details.Add("统一社会信用代码 " + uscc);
            if (p.IdNumber is { } idNumber) details.Add("身份证件号码 " + idNumber);
            if (p.LegalRepresentative is { } rep) details.Add("法定代表人 " + rep);
            if (p.Phone is { } phone) details.Add("联系电话 " + phone);
            if (p.Address is { } address) details.Add("住址 " + address);
            pdf.Field(RoleLabel(p.Role), string.Join("，", details));
        }
        pdf.Field("纠纷类型", DisputeTypeName(c.DisputeType));
        pdf.Heading("纠纷主要事实、争议事项及各方当事人责任").Paragraph("　　" + c.AgreementFacts);
        pdf.Heading("经调解，各方当事人自愿达成如下协议").Paragraph("　　" + c.AgreementTerms);
        pdf.Heading("履行方式、时限").Paragraph("　　" + c.AgreementPerformance);
        pdf.Field("协议金额", ((c.AgreementAmountFen ?? 0) / 100m).ToString("0.00", inv) + "元");
        pdf.Paragraph("　　本协议自各方当事人签名（盖章）、人民调解员签名并加盖人民调解委员会印章之日起生效，对各方当事人具有法律约束力，当事人应当按照约定履行。" +
                      "各方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。本协议一式" + (c.Parties.Count + 1).ToString(inv) + "份，当事人各执一份，人民调解委员会留存一份。");
        pdf.KeepTogether(11 * 2 * (c.Parties.Count + 4)).Space(12);
        foreach (var p in c.Parties)
            pdf.Paragraph($"{RoleLabel(p.Role)}（签名或盖章）：{p.Name}　　　　　　　　年　　月　　日");
        pdf.Paragraph($"人民调解员（签名）：{c.ClosedByName}　　　　　　　　年　　月　　日");
        pdf.SignatureBlock(roomName + "（盖章）", date)
           .SealOrNote(null)
           .Footer($"{DocumentTitle}　{roomName}　{c.PreLitigationNumber ?? ""}");
        return pdf.ToArray();
    }

    static string RoleLabel(string role) => role switch
    {
        "plaintiff" => "当事人（申请方）",
        "defendant" => "当事人（被申请方）",
        _ => "第三人",
    };

    public static string DisputeTypeName(string type) => type switch
    {
        "sale-contract" => "买卖合同纠纷",
        "loan" => "借贷纠纷",
        "family-marriage" => "婚姻家庭纠纷",
        "neighbourhood" => "邻里纠纷",
        "land" => "土地纠纷",
        "labour" => "劳动纠纷",
        "tort" => "侵权纠纷",
        _ => "其他纠纷",
    };
}
