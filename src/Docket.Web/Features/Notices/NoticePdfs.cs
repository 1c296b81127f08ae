using System.Globalization;
using System.Text;

namespace Docket.Web.Features.Notices;

/// <summary>A party as named on a notice, e.g. ("原告", "张三"). Labels beginning with 被 (被告, 被申请人,
/// 被执行人, 被告人) are the opposing side; 第三人 is a third party; every other label is the side that brings the case.</summary>
public sealed record NoticeParty(string Label, string Name);

/// <summary>One slice of a fee scale, in yuan. <paramref name="Rate"/> is a fraction (0.025 = 2.5%); null means a flat
/// amount for the slice. <paramref name="To"/> null means "above <paramref name="From"/>".</summary>
public sealed record NoticeFeeSlice(decimal From, decimal? To, decimal? Rate, decimal Fee);

/// <summary>受理通知书. <paramref name="Procedure"/>: "ordinary" or "simplified".</summary>
public sealed record AcceptanceNoticeModel(string CourtName, string CaseNumber, string CaseTypeName, string Cause,
    IReadOnlyList<NoticeParty> Parties, DateOnly RegisteredOn, string Procedure, int EvidenceDays,
    string ClerkName, string? ClerkPhone, string? CourtAddress, byte[]? SealImage, string VerifyUrl);

/// <summary>交纳诉讼费用通知书. Amounts in yuan.</summary>
public sealed record FeeNoticeModel(string CourtName, string CaseNumber, string Cause, IReadOnlyList<NoticeParty> Payers,
    string MatterName, decimal? ClaimAmount, decimal FullFee, decimal PrepaidAmount, string? ReductionNote, IReadOnlyList<NoticeFeeSlice> Basis,
    DateOnly IssuedOn, DateOnly? DueDate, string? PayeeName, string? PayeeBank, string? PayeeAccount, byte[]? SealImage, string VerifyUrl);

/// <summary>补正通知书 (一次性告知补正).</summary>
public sealed record CorrectionNoticeModel(string CourtName, string ReceiptNumber, string FilingTitle, string FilerName,
    IReadOnlyList<string> Items, DateOnly DueDate, DateOnly IssuedOn, string ClerkName, string? ClerkPhone, byte[]? SealImage, string VerifyUrl);

/// <summary>不予受理 (civil) / 不予立案 (<paramref name="Administrative"/>) ruling.</summary>
public sealed record RejectionRulingModel(string CourtName, string ReceiptNumber, bool Administrative,
    IReadOnlyList<NoticeParty> Parties, string Cause, string Reasons, string LegalBasis, string Judge, DateOnly RuledOn,
    string AppealCourtName, int AppealDays, byte[]? SealImage, string VerifyUrl);

/// <summary>
/// The court documents issued on registration, correction and rejection, as A4 PDFs in the usual layout of
/// Chinese court documents: court name and title centred, the number line right-aligned, paragraphs with a
/// two-character indent, the signature block with the date in Chinese numerals, the seal or the note
/// "(电子文本，未加盖印章)", and a QR code for verification.
/// </summary>
public static class NoticePdfs
{
    internal const string AcceptanceTitle = "受理通知书";
    internal const string FeeTitle = "交纳诉讼费用通知书";
    internal const string CorrectionTitle = "补正通知书";
    internal const string CivilRulingTitle = "民事裁定书";
    internal const string AdministrativeRulingTitle = "行政裁定书";

    const string Indent = "　　";
    const double CourtSize = 18;
    const double TitleSize = 22;
    const double TitleSpacingEm = 0.25;
    const double BodySize = 12;
    const double SmallSize = 10.5;
    const string RegistrationRules = "《最高人民法院关于人民法院登记立案若干问题的规定》";
    const string FeeMeasures = "《诉讼费用交纳办法》";
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // ---------------------------------------------------------------- 受理通知书

    /// <summary>受理通知书: to the parties who brought the case (登记立案 → filing.md "Registration").</summary>
    public static byte[] Acceptance(AcceptanceNoticeModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var procedure = ProcedureName(m.Procedure);
        var simplified = procedure == "简易程序";
        var administrative = m.CaseTypeName?.Contains("行政", StringComparison.Ordinal) == true;
        var criminal = m.CaseTypeName?.Contains("刑事", StringComparison.Ordinal) == true;
        var law = administrative ? "《中华人民共和国行政诉讼法》" : criminal ? "《中华人民共和国刑事诉讼法》" : "《中华人民共和国民事诉讼法》";
        var parties = m.Parties ?? [];
        var addressees = parties.Where(p => Side(p) == PartySide.Bringing).ToList();
        var you = addressees.Count > 1 ? "你们" : "你";

        using var pdf = Begin($"{AcceptanceTitle} {m.CaseNumber}", m.CourtName, AcceptanceTitle, m.CaseNumber);
        pdf.Paragraph(Addressee(addressees.Count > 0 ? addressees : parties), BodySize);

        var others = Names(parties.Where(p => Side(p) != PartySide.Bringing));
        var with = others.Length > 0 ? $"与{others}" : "";
        Para(pdf,
            $"{you}{with}{m.Cause}一案，本院已于{ArabicDate(m.RegisteredOn)}立案受理，案号为{m.CaseNumber}，" +
            $"适用{procedure}审理。依照{law}的有关规定，现将有关事项通知如下：");

        var items = new List<string>
        {
            "当事人可以委托一至二人作为诉讼代理人。委托他人代为诉讼的，应当向本院提交由委托人签名或者盖章的授权委托书，" +
            "授权委托书应当记明委托事项和权限；诉讼代理人代为承认、放弃、变更诉讼请求，进行和解，" +
            (administrative ? "" : "提起反诉或者") + "提起上诉，必须有委托人的特别授权。",
            "当事人认为审判人员、书记员、翻译人员、鉴定人、勘验人与本案有利害关系或者有其他关系，可能影响对案件公正审理的，" +
            "有权申请其回避。申请回避应当说明理由，在案件开始审理时提出；回避事由在案件开始审理后知道的，也可以在法庭辩论终结前提出。",
            "当事人有权收集、提供证据，进行辩论，" + (administrative ? "" : "请求调解，") + "提起上诉，申请执行，" +
            "可以查阅、复制本案有关材料和法律文书。因客观原因不能自行收集的证据，可以在举证期限届满前书面申请本院调查收集。",
            administrative
                ? "原告可以申请撤诉。行政赔偿、补偿以及行政机关行使法律、法规规定的自由裁量权的案件，可以调解。"
                : "双方当事人可以自行和解，也可以申请本院主持调解。原告可以放弃或者变更诉讼请求；被告可以承认或者反驳诉讼请求，有权提起反诉。",
            "当事人必须依法行使诉讼权利，遵守诉讼秩序，如实陈述案件事实，按时参加诉讼活动，履行发生法律效力的判决书、裁定书和调解书。" +
            "当事人应当如实提供并确认送达地址（含电子送达地址），地址变更的应当及时书面告知本院；因提供的地址不准确或者变更后未及时告知，" +
            "导致诉讼文书未能被实际接收的，文书退回之日视为送达之日。",
            EvidenceItem(m.EvidenceDays, you, simplified),
        };
        if (simplified)
            items.Add("本案适用简易程序审理。当事人认为案件不宜适用简易程序的，可以在开庭前向本院提出异议。");
        NumberedItems(pdf, items);

        Signature(pdf, m.CourtName, m.RegisteredOn, m.SealImage);
        var contact = new List<string> { ContactLine("本案书记员", m.ClerkName, m.ClerkPhone) };
        if (!string.IsNullOrWhiteSpace(m.CourtAddress))
            contact.Add("本院地址：" + m.CourtAddress.Trim());
        Contact(pdf, contact);
        Verify(pdf, m.VerifyUrl);
        return pdf.ToArray();
    }

    static string EvidenceItem(int days, string you, bool simplified)
    {
        var limit = days > 0
            ? $"本案举证期限为{ChineseNumber(days)}日，自{you}收到本通知书之次日起计算" +
              (simplified ? "（适用简易程序审理的案件，举证期限一般不超过十五日）" : "")
            : "本案举证期限由本院另行确定并通知";
        return limit + "。当事人对自己提出的主张，有责任提供证据，应当在举证期限内向本院提交证据材料，" +
               "并对证据材料逐一分类编号，注明证据的来源、证明对象和内容。在举证期限内提供证据确有困难的，可以在期限届满前向本院书面申请延长。" +
               "逾期提供证据的，应当说明理由；拒不说明理由或者理由不成立的，本院根据不同情形可以不予采纳该证据，或者采纳该证据但予以训诫、罚款。";
    }

    // ---------------------------------------------------------------- 交纳诉讼费用通知书

    /// <summary>交纳诉讼费用通知书 (诉讼费用交纳办法; fees.md).</summary>
    public static byte[] Fee(FeeNoticeModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var payers = m.Payers ?? [];
        var basis = m.Basis ?? [];
        var you = payers.Count > 1 ? "你们" : "你";
        var matter = (m.MatterName ?? "").Trim();
        var feeName = matter.StartsWith("申请", StringComparison.Ordinal) ? "申请费" : "案件受理费";

        using var pdf = Begin($"{FeeTitle} {m.CaseNumber}", m.CourtName, FeeTitle, m.CaseNumber);
        pdf.Paragraph(Addressee(payers), BodySize);
        Para(pdf,
            $"本院受理的{m.Cause}一案，案号为{m.CaseNumber}。依照{FeeMeasures}的规定，现将{you}应当预交的诉讼费用及交纳事项通知如下：");

        Para(pdf, $"一、交费人：{Names(payers)}。");

        var computed = new StringBuilder($"二、收费项目：{feeName}{(matter.Length > 0 && matter != feeName ? $"（{matter}）" : "")}。");
        if (m.ClaimAmount is { } claim)
            computed.Append($"诉讼请求金额为{Money(claim)}。");
        if (basis.Count > 1 || basis.Any(s => s.Rate is not null))
            computed.Append($"按照{FeeMeasures}规定的收费标准分段累计计算如下：");
        else
            computed.Append($"按照{FeeMeasures}规定的收费标准按件计算。");
        Para(pdf, computed.ToString());
        if (basis.Count > 1 || basis.Any(s => s.Rate is not null))
        {
            var rows = basis.Select(s => new[] { SliceLabel(s), SliceRate(s), Money(s.Fee) }).ToList();
            rows.Add(["合计", "", Money(m.FullFee)]);
            pdf.Table(["计费区间", "费率", "金额"], rows, [0.52, 0.2, 0.28], size: SmallSize,
                align: [CellAlign.Left, CellAlign.Center, CellAlign.Right]);
        }

        var amount = new StringBuilder($"三、应交金额：{feeName}共计{Money(m.FullFee)}");
        if (m.PrepaidAmount != m.FullFee)
        {
            var note = (m.ReductionNote ?? "").Trim().TrimEnd('。', '；', '，', '.', ';', ',');
            amount.Append(note.Length > 0 ? $"，{note}" : "");
        }
        amount.Append($"，{you}应预交{Money(m.PrepaidAmount)}（大写：{UppercaseAmount(m.PrepaidAmount)}）。");
        amount.Append("诉讼费用最终由败诉方负担，预交的费用在结案时按照判决、裁定或者调解的结果结算。");
        Para(pdf, amount.ToString());

        var due = $"四、交纳期限：请于收到本通知书次日起七日内交纳（{FeeMeasures}第二十二条）";
        due += m.DueDate is { } d ? $"，即于{ArabicDate(d)}前（含当日）交纳。" : "，即自收到本通知次日起七日内交纳。";
        Para(pdf, due);

        if (!string.IsNullOrWhiteSpace(m.PayeeName) && !string.IsNullOrWhiteSpace(m.PayeeBank) && !string.IsNullOrWhiteSpace(m.PayeeAccount))
        {
            Para(pdf, "五、交纳方式：请通过银行转账或者本院指定的其他方式交纳至以下账户：");
            pdf.FieldLabelEm = 6;
            var label = Indent + Indent;
            pdf.Field(label + "户　　名", m.PayeeName.Trim(), BodySize)
               .Field(label + "开 户 行", m.PayeeBank.Trim(), BodySize)
               .Field(label + "账　　号", m.PayeeAccount.Trim(), BodySize);
            Para(pdf, $"转账时请在用途（附言）栏注明案号及交费人姓名。交费后请将交费凭证上传至网上立案平台或者提交本院立案庭。");
        }
        else
        {
            Para(pdf, "五、交纳方式：收款账户请向本院立案庭咨询。交费后请将交费凭证上传至网上立案平台或者提交本院立案庭。");
        }

        Para(pdf,
            $"六、逾期不交纳诉讼费用又未提出司法救助申请，或者申请司法救助未获批准，在本院指定期限内仍未交纳的，" +
            $"依照{FeeMeasures}第二十二条的规定，本案按撤诉处理。");
        Para(pdf,
            $"七、当事人交纳诉讼费用确有困难的，可以依照{FeeMeasures}第四十四条至第五十一条的规定，在交纳期限内向本院书面申请" +
            "缓交、减交或者免交诉讼费用（司法救助），并提交足以证明确有经济困难的证明材料。免交诉讼费用只适用于自然人。");

        Signature(pdf, m.CourtName, m.IssuedOn, m.SealImage);
        Verify(pdf, m.VerifyUrl);
        return pdf.ToArray();
    }

    /// <summary>A per-case fee is a slice (0, null) without a rate (FeeCalculator); a flat band has bounds.</summary>
    static bool PerCase(NoticeFeeSlice s) => s.From <= 0 && s.To is null;

    static string SliceRate(NoticeFeeSlice s) => s.Rate is { } r ? Rate(r) : PerCase(s) ? "按件" : "定额";

    static string SliceLabel(NoticeFeeSlice s)
    {
        if (PerCase(s))
            return s.Rate is null ? "每件" : "全部金额";
        if (s.To is not { } to)
            return $"超过{Bound(s.From)}元的部分";
        return s.From <= 0 ? $"不超过{Bound(to)}元的部分" : $"超过{Bound(s.From)}元至{Bound(to)}元的部分";
    }

    static string Bound(decimal v) => v.ToString(v == decimal.Truncate(v) ? "#,0" : "#,0.00", Inv);

    // ---------------------------------------------------------------- 补正通知书

    /// <summary>补正通知书: all deficiencies at once (登记立案规定第七条).</summary>
    public static byte[] Correction(CorrectionNoticeModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var items = (m.Items ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).ToList();

        using var pdf = Begin($"{CorrectionTitle} {m.ReceiptNumber}", m.CourtName, CorrectionTitle, $"网上立案回执编号：{m.ReceiptNumber}");
        pdf.Paragraph($"{m.FilerName}：", BodySize);
        Para(pdf,
            $"你（单位）通过网上立案平台提交的“{m.FilingTitle}”起诉材料（网上立案回执编号：{m.ReceiptNumber}）本院已收到。" +
            $"经审查，所提交的诉状和材料不符合要求。依照{RegistrationRules}第七条的规定，现一次性告知需要补正的全部内容如下：");
        NumberedItems(pdf, items);
        Para(pdf,
            $"请于{ArabicDate(m.DueDate)}前（含当日）通过网上立案平台补充、更正上述材料并重新提交。" +
            "本院决定是否立案的期间，自收到补正材料之日起计算，本院将在法定期限内决定是否立案。");
        Para(pdf,
            "逾期未补正的，本院将退回诉状及材料并记录在册；坚持起诉的，可以向本院提出，本院将依法作出裁定。" +
            "经补正仍不符合要求的，本院将依法裁定不予受理或者决定不予立案。");

        Signature(pdf, m.CourtName, m.IssuedOn, m.SealImage);
        Contact(pdf, [ContactLine("联系人", m.ClerkName, m.ClerkPhone)]);
        Verify(pdf, m.VerifyUrl);
        return pdf.ToArray();
    }

    // ---------------------------------------------------------------- 不予受理 / 不予立案 裁定书

    /// <summary>民事裁定书 (不予受理) or 行政裁定书 (不予立案), with the appeal right (登记立案规定第九条).
    /// Before registration there is no plaintiff or defendant yet: 原告 is shown as 起诉人, 被告 as 被起诉人.</summary>
    public static byte[] Rejection(RejectionRulingModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var title = m.Administrative ? AdministrativeRulingTitle : CivilRulingTitle;
        var refuse = m.Administrative ? "不予立案" : "不予受理";
        var parties = (m.Parties ?? []).Select(p => p with { Label = RulingLabel(p.Label) }).ToList();
        var bringing = parties.Where(p => Side(p) == PartySide.Bringing).ToList();
        var application = bringing.Count > 0 && bringing.All(p => p.Label.Contains("申请", StringComparison.Ordinal));
        var what = application ? "申请" : m.Administrative || !bringing.Any(p => p.Label.Contains("自诉", StringComparison.Ordinal)) ? "起诉" : "自诉";

        using var pdf = Begin($"{title} {m.ReceiptNumber}", m.CourtName, title, $"网上立案回执编号：{m.ReceiptNumber}");
        foreach (var p in parties)
            pdf.Paragraph($"{p.Label}：{p.Name}。", BodySize);
        pdf.Space(4);

        var others = Names(parties.Where(p => Side(p) != PartySide.Bringing));
        var subject = Names(bringing);
        var act = what switch { "申请" => "向本院提出申请", "自诉" => "向本院提起自诉", _ => "向本院提起诉讼" };
        Para(pdf,
            $"{subject}{(others.Length > 0 ? "因与" + others : "因")}{m.Cause}一案，通过网上立案平台{act}" +
            $"（网上立案回执编号：{m.ReceiptNumber}）。");

        var reasons = (m.Reasons ?? "").Trim();
        if (!reasons.StartsWith("本院", StringComparison.Ordinal) && !reasons.StartsWith("经审查", StringComparison.Ordinal))
            reasons = "本院经审查认为，" + reasons;
        Para(pdf, reasons);

        var basis = (m.LegalBasis ?? "").Trim().TrimEnd('。', '，', '；', '.', ',', ';');
        if (basis.StartsWith("依照", StringComparison.Ordinal) || basis.StartsWith("根据", StringComparison.Ordinal))
            basis = basis[2..];
        if (basis.Length == 0)
            basis = (m.Administrative ? "《中华人民共和国行政诉讼法》" : "《中华人民共和国民事诉讼法》") + "的有关规定";
        else if (!basis.EndsWith("规定", StringComparison.Ordinal))
            basis += "的规定";
        Para(pdf, $"依照{basis}，裁定如下：");
        Para(pdf, $"对{subject}的{what}，本院{refuse}。");
        Para(pdf,
            $"如不服本裁定，可以在裁定书送达之日起{ChineseNumber(m.AppealDays)}日内，向本院递交上诉状，上诉于{m.AppealCourtName}。");

        Signature(pdf, $"审判员　{m.Judge}", m.RuledOn, m.SealImage);
        Verify(pdf, m.VerifyUrl);
        return pdf.ToArray();
    }

    static string RulingLabel(string label) => (label ?? "").Trim() switch
    {
        "原告" => "起诉人",
        "被告" => "被起诉人",
        var l => l,
    };

    // ---------------------------------------------------------------- layout helpers

    static PdfNoticeWriter Begin(string metadataTitle, string court, string title, string numberLine)
    {
        var pdf = new PdfNoticeWriter(metadataTitle);
        try
        {
            pdf.Centered(court, CourtSize, bold: true, letterSpacingEm: 0.05)
               .Space(2)
               .Title(title, TitleSize, TitleSpacingEm)
               .Paragraph(numberLine, BodySize, align: CellAlign.Right)
               .Space(BodySize * 0.6)
               .Footer($"{title}　{numberLine}");
            return pdf;
        }
        catch
        {
            pdf.Dispose();
            throw;
        }
    }

    static void Para(PdfNoticeWriter pdf, string text)
    {
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var p = paragraph.Trim().TrimStart('　');
            if (p.Length > 0)
                pdf.Paragraph(Indent + p, BodySize);
        }
    }

    static void NumberedItems(PdfNoticeWriter pdf, IReadOnlyList<string> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var text = items[i].Trim().TrimEnd('。', '；', '，', '.', ';', ',');
            Para(pdf, $"{ChineseNumber(i + 1)}、{text}{(i == items.Count - 1 ? "。" : "；")}");
        }
    }

    /// <summary>The signer (court name or 审判员) and the date in Chinese numerals, with the seal or the note.
    /// Kept on one page; when it has to move to a new page, that page starts with "（此页无正文）" as usual.</summary>
    static void Signature(PdfNoticeWriter pdf, string signer, DateOnly date, byte[]? seal)
    {
        const double size = BodySize + 1;
        const double gap = BodySize * 1.5;
        var lines = 2 * size * 1.55;
        var below = seal is { Length: > 0 } ? 42 * 72 / 25.4 / 2 - lines / 2 + 6 : 4 + 10 * 1.55;
        var pages = pdf.PageCount;
        pdf.KeepTogether(gap + lines + below);
        if (pdf.PageCount > pages)
            pdf.Paragraph("（此页无正文）", BodySize);
        pdf.Space(gap);
        pdf.SignatureBlock(signer, ChineseDate(date), size).SealOrNote(seal);
    }

    static void Contact(PdfNoticeWriter pdf, IEnumerable<string> lines)
    {
        pdf.Space(6);
        foreach (var line in lines)
            pdf.Paragraph(line, SmallSize);
    }

    static string ContactLine(string role, string name, string? phone) =>
        string.IsNullOrWhiteSpace(phone) ? $"{role}：{name}" : $"{role}：{name}　　联系电话：{phone.Trim()}";

    static void Verify(PdfNoticeWriter pdf, string url) =>
        pdf.QrCode(url, "扫描二维码或访问以下地址，可核验本文书的真实性：\n" + url, sizeMm: 24);

    static string Addressee(IEnumerable<NoticeParty> parties)
    {
        var names = parties.Select(p => p.Name).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct().ToList();
        return names.Count == 0 ? "当事人：" : string.Join('、', names) + "：";
    }

    enum PartySide { Bringing, Opposing, Third }

    static PartySide Side(NoticeParty p)
    {
        var label = (p.Label ?? "").Trim();
        if (label.Contains("第三人", StringComparison.Ordinal))
            return PartySide.Third;
        return label.StartsWith('被') ? PartySide.Opposing : PartySide.Bringing;
    }

    /// <summary>"被告王喆、李堃，第三人𠮷田花子": names grouped by label in order of first appearance.</summary>
    static string Names(IEnumerable<NoticeParty> parties) =>
        string.Join('，', parties
            .GroupBy(p => (p.Label ?? "").Trim())
            .Select(g => g.Key + string.Join('、', g.Select(p => p.Name.Trim()))));

    static string ProcedureName(string? procedure) => (procedure ?? "").Trim().ToLowerInvariant() switch
    {
        "ordinary" or "普通程序" => "普通程序",
        "simplified" or "简易程序" => "简易程序",
        "small-claims" or "小额诉讼程序" => "小额诉讼程序",
        _ => throw new ArgumentException($"unknown procedure '{procedure}' (expected \"ordinary\" or \"simplified\")", nameof(procedure)),
    };

    // ---------------------------------------------------------------- text helpers

    const string LowerDigits = "〇一二三四五六七八九";

    /// <summary>A date in the form of a court document's signature block: 2026-11-30 → 二〇二六年十一月三十日.</summary>
    internal static string ChineseDate(DateOnly date)
    {
        var sb = new StringBuilder();
        foreach (var c in date.Year.ToString(Inv))
            sb.Append(LowerDigits[c - '0']);
        return sb.Append('年').Append(ChineseNumber(date.Month)).Append('月').Append(ChineseNumber(date.Day)).Append('日').ToString();
    }

    /// <summary>2026-11-30 → 2026年11月30日.</summary>
    internal static string ArabicDate(DateOnly date) => date.ToString("yyyy年M月d日", Inv);

    /// <summary>A count in Chinese numerals: 7 → 七, 10 → 十, 15 → 十五, 30 → 三十, 105 → 一百零五. Arabic from 10,000 up.</summary>
    internal static string ChineseNumber(int n)
    {
        if (n < 0 || n >= 10_000)
            return n.ToString(Inv);
        if (n == 0)
            return "零";
        var s = Group(n, "零一二三四五六七八九", "千百十");
        return s.StartsWith("一十", StringComparison.Ordinal) ? s[1..] : s;
    }

    /// <summary>Money as on fee notices: 2900 → "2,900.00元".</summary>
    internal static string Money(decimal yuan) =>
        Math.Round(yuan, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", Inv) + "元";

    /// <summary>A rate given as a fraction, as a percentage: 0.025 → "2.5%".</summary>
    internal static string Rate(decimal fraction) => (fraction * 100m).ToString("0.####", Inv) + "%";

    const string UpperDigits = "零壹贰叁肆伍陆柒捌玖";

    /// <summary>Amount in capital numerals (大写金额): 2900 → 贰仟玖佰元整, 10.05 → 壹拾元零伍分.</summary>
    internal static string UppercaseAmount(decimal yuan)
    {
        yuan = Math.Round(yuan, 2, MidpointRounding.AwayFromZero);
        if (yuan < 0)
            return "负" + UppercaseAmount(-yuan);
        if (yuan == 0)
            return "零元整";
        var fen = (long)(yuan * 100);
        var whole = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        var sb = new StringBuilder();
        if (whole > 0)
            sb.Append(UppercaseInteger(whole)).Append('元');
        if (jiao == 0 && cents == 0)
            return sb.Append('整').ToString();
        if (jiao > 0)
            sb.Append(UpperDigits[jiao]).Append('角');
        else if (whole > 0)
            sb.Append('零');
        if (cents > 0)
            sb.Append(UpperDigits[cents]).Append('分');
        return sb.ToString();
    }

    static string UppercaseInteger(long n)
    {
        string[] units = ["", "万", "亿", "万亿"];
        var groups = new List<int>();
        for (; n > 0; n /= 10_000)
            groups.Add((int)(n % 10_000));
        if (groups.Count > units.Length)
            throw new ArgumentOutOfRangeException(nameof(n), "amount too large");
        var sb = new StringBuilder();
        var pendingZero = false;
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var g = groups[i];
            if (g == 0)
            {
                pendingZero |= sb.Length > 0;
                continue;
            }
            if (sb.Length > 0 && (pendingZero || g < 1000))
                sb.Append('零');
            sb.Append(Group(g, UpperDigits, "仟佰拾")).Append(units[i]);
            pendingZero = false;
        }
        return sb.ToString();
    }

    /// <summary>0 &lt; g &lt; 10000 with inner zeros collapsed: 1010 → 一千零一十.</summary>
    static string Group(int g, string digits, string units)
    {
        var sb = new StringBuilder();
        var zero = false;
        for (var pos = 3; pos >= 0; pos--)
        {
            var d = g / (int)Math.Pow(10, pos) % 10;
            if (d == 0)
            {
                zero |= sb.Length > 0;
                continue;
            }
            if (zero)
                sb.Append(digits[0]);
            zero = false;
            sb.Append(digits[d]);
            if (pos > 0)
                sb.Append(units[3 - pos]);
        }
        return sb.ToString();
    }
}
