using System.Text;
using Docket.Web.Features.Notices;
using UglyToad.PdfPig;

namespace Docket.UnitTests;

public class NoticePdfTests
{
    const string Court = "古浪县人民法院";
    const string CaseNumber = "（2026）甘0622民初1号";
    const string Receipt = "WSLA-2026-620622-000045";
    const string AppealCourt = "甘肃省武威市中级人民法院";

    static readonly NoticeParty[] Parties =
    [
        new("原告", "张三"),
        new("原告", "𠮷田花子"),
        new("被告", "王喆"),
        new("被告", "李堃"),
        new("第三人", "古浪县某某商贸有限公司"),
    ];

    static AcceptanceNoticeModel Acceptance(string procedure = "ordinary", int evidenceDays = 15) => new(
        CourtName: Court,
        CaseNumber: CaseNumber,
        CaseTypeName: "民事一审",
        Cause: "民间借贷纠纷",
        Parties: Parties,
        RegisteredOn: new DateOnly(2026, 11, 30),
        Procedure: procedure,
        EvidenceDays: evidenceDays,
        ClerkName: "马晓燕",
        ClerkPhone: "0935-5121234",
        CourtAddress: "甘肃省武威市古浪县古浪镇昌松路88号",
        SealImage: null,
        VerifyUrl: "https://court.example.cn/verify/notice/A-2026-0001?h=9f86d081");

    static FeeNoticeModel Fee(string? payeeAccount = "2703 0101 0920 0012 345", DateOnly? due = null) => new(
        CourtName: Court,
        CaseNumber: CaseNumber,
        Cause: "民间借贷纠纷",
        Payers: [new("原告", "张三"), new("原告", "𠮷田花子")],
        MatterName: "财产案件",
        ClaimAmount: 130_000m,
        FullFee: 2_900m,
        PrepaidAmount: 1_450m,
        ReductionNote: "本案适用简易程序审理，依照《诉讼费用交纳办法》第十六条的规定减半交纳",
        Basis:
        [
            new(0m, 10_000m, null, 50m),
            new(10_000m, 100_000m, 0.025m, 2_250m),
            new(100_000m, 130_000m, 0.02m, 600m),
        ],
        IssuedOn: new DateOnly(2026, 11, 30),
        DueDate: due,
        PayeeName: payeeAccount is null ? null : "古浪县人民法院",
        PayeeBank: payeeAccount is null ? null : "中国农业银行古浪县支行",
        PayeeAccount: payeeAccount,
        SealImage: null,
        VerifyUrl: "https://court.example.cn/verify/notice/F-2026-0001");

    static readonly string[] CorrectionItems =
    [
        "起诉状未列明被告李堃的住所或者其他足以使被告与他人相区别的联系方式，请补充",
        "原告𠮷田花子的居民身份证影印件不清晰，请重新上传清晰的身份证明",
        "诉讼请求第二项“利息”未写明计算标准及起止时间，请明确",
        "未提交借条原件的扫描件及转账凭证，请补充证据材料。",
    ];

    static CorrectionNoticeModel Correction() => new(
        CourtName: Court,
        ReceiptNumber: Receipt,
        FilingTitle: "张三诉王喆、李堃民间借贷纠纷",
        FilerName: "张三",
        Items: CorrectionItems,
        DueDate: new DateOnly(2026, 12, 15),
        IssuedOn: new DateOnly(2026, 11, 30),
        ClerkName: "马晓燕",
        ClerkPhone: "0935-5121234",
        SealImage: null,
        VerifyUrl: "https://court.example.cn/verify/notice/C-2026-0001");

    const string ShortReasons =
        "起诉人与被起诉人之间的借贷关系已经本院（2025）甘0622民初88号民事判决处理，该判决已发生法律效力，起诉人就同一事实和理由再次起诉，违反“一事不再理”原则。";

    static RejectionRulingModel Ruling(string reasons = ShortReasons, bool administrative = false) => new(
        CourtName: Court,
        ReceiptNumber: Receipt,
        Administrative: administrative,
        Parties: [new("原告", "张三"), new("被告", "王喆")],
        Cause: "民间借贷纠纷",
        Reasons: reasons,
        LegalBasis: "《中华人民共和国民事诉讼法》第一百二十二条、第一百二十七条第五项",
        Judge: "赵明德",
        RuledOn: new DateOnly(2026, 12, 21),
        AppealCourtName: AppealCourt,
        AppealDays: 10,
        SealImage: null,
        VerifyUrl: "https://court.example.cn/verify/ruling/R-2026-0001");

    static string Text(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var sb = new StringBuilder();
        foreach (var page in doc.GetPages())
            sb.Append(page.Text).Append('\n');
        return NoSpace(sb.ToString());
    }

    /// <summary>Text of the body only (page numbers and footers, drawn in the bottom margin, left out).</summary>
    static string BodyText(byte[] pdf)
    {
        const double bottomMargin = 25 * 72 / 25.4;
        using var doc = PdfDocument.Open(pdf);
        var sb = new StringBuilder();
        foreach (var page in doc.GetPages())
            foreach (var letter in page.Letters.Where(l => l.StartBaseLine.Y > bottomMargin))
                sb.Append(letter.Value);
        return NoSpace(sb.ToString());
    }

    static string NoSpace(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());

    static void AssertCommon(string text, string title)
    {
        Assert.Contains(Court, text);
        Assert.Contains(title, text);
        Assert.Contains("(电子文本，未加盖印章)", text);
        Assert.DoesNotContain("\uFFFD", text);
    }

    // ---- 受理通知书

    [Fact]
    public void Acceptance_CivilCase_ShowsCaseNumberPartiesAndDuties()
    {
        var text = Text(NoticePdfs.Acceptance(Acceptance()));

        AssertCommon(text, "受理通知书");
        Assert.Contains(CaseNumber, text);
        Assert.Contains("张三、𠮷田花子：", text);
        Assert.Contains("你们与被告王喆、李堃，第三人古浪县某某商贸有限公司民间借贷纠纷一案", text);
        Assert.Contains("本院已于2026年11月30日立案受理", text);
        Assert.Contains("适用普通程序审理", text);
        Assert.Contains("举证期限为十五日", text);
        Assert.Contains("申请其回避", text);
        Assert.Contains("有权提起反诉", text);
        Assert.Contains("马晓燕", text);
        Assert.Contains("0935-5121234", text);
        Assert.Contains("昌松路88号", text);
        Assert.Contains("二〇二六年十一月三十日", text);
    }

    [Fact]
    public void Acceptance_SimplifiedProcedure_NotesShortEvidencePeriod()
    {
        var text = Text(NoticePdfs.Acceptance(Acceptance("simplified", 10)));

        Assert.Contains("适用简易程序审理", text);
        Assert.Contains("举证期限为十日", text);
        Assert.Contains("一般不超过十五日", text);
        Assert.Contains("提出异议", text);
    }

    [Fact]
    public void Acceptance_UnknownProcedure_Throws()
    {
        Assert.Throws<ArgumentException>(() => NoticePdfs.Acceptance(Acceptance("summary")));
    }

    [Fact]
    public void Acceptance_SealImage_EmbeddedInsteadOfNote()
    {
        var model = Acceptance() with { SealImage = PdfNoticeWriter.RenderQrPng("seal") };

        using var doc = PdfDocument.Open(NoticePdfs.Acceptance(model));
        var text = string.Concat(doc.GetPages().Select(p => p.Text));
        Assert.DoesNotContain("未加盖印章", text);
        Assert.Equal(2, doc.GetPages().Sum(p => p.GetImages().Count())); // seal + QR code
    }

    [Fact]
    public void Acceptance_SignatureBlock_DateAndNoteOnSamePage()
    {
        using var doc = PdfDocument.Open(NoticePdfs.Acceptance(Acceptance()));

        var page = Assert.Single(doc.GetPages(), p => NoSpace(p.Text).Contains("二〇二六年十一月三十日"));
        var text = NoSpace(page.Text);
        Assert.Contains(Court + "二〇二六年十一月三十日(电子文本，未加盖印章)", text);
        if (page.Number > 1 && !text.Contains("举证期限"))
            Assert.StartsWith("（此页无正文）", text);
    }

    // ---- 交纳诉讼费用通知书

    [Fact]
    public void Fee_PropertyCase_ShowsScaleAmountsAndAccount()
    {
        var pdf = NoticePdfs.Fee(Fee(due: new DateOnly(2026, 12, 8)));
        var text = Text(pdf);

        AssertCommon(text, "交纳诉讼费用通知书");
        Assert.Contains(CaseNumber, text);
        Assert.Contains("张三、𠮷田花子", text);
        Assert.Contains("130,000.00元", text);
        Assert.Contains("2.5%", text);
        Assert.Contains("2,250.00元", text);
        Assert.Contains("600.00元", text);
        Assert.Contains("2,900.00元", text);
        Assert.Contains("应预交1,450.00元（大写：壹仟肆佰伍拾元整）", text);
        Assert.Contains("减半交纳", text);
        Assert.Contains("即于2026年12月8日前", text);
        Assert.Contains("第二十二条", text);
        Assert.Contains("按撤诉处理", text);
        Assert.Contains("缓交、减交或者免交", text);
        Assert.Contains("中国农业银行古浪县支行", text);
        Assert.Contains("27030101092000123", NoSpace(text));
    }

    [Fact]
    public void Fee_NoAccountNoDueDate_TellsToAskTheCourt()
    {
        var text = Text(NoticePdfs.Fee(Fee(payeeAccount: null, due: null)));

        Assert.Contains("收款账户请向本院立案庭咨询", text);
        Assert.Contains("自收到本通知次日起七日内", text);
        Assert.DoesNotContain("户名", text);
    }

    [Fact]
    public void Fee_FlatFee_NoTable()
    {
        var model = Fee() with
        {
            MatterName = "劳动争议案件", ClaimAmount = null, FullFee = 10m, PrepaidAmount = 10m, ReductionNote = null,
            Basis = [new(0m, null, null, 10m)],
        };

        var text = Text(NoticePdfs.Fee(model));

        Assert.Contains("按件计算", text);
        Assert.Contains("应预交10.00元（大写：壹拾元整）", text);
        Assert.DoesNotContain("费率", text);
    }

    [Fact]
    public void Fee_DivorceWithProperty_PerCaseSliceAndExcessRate()
    {
        var model = Fee() with
        {
            Cause = "离婚纠纷", MatterName = "离婚案件", ClaimAmount = 300_000m, FullFee = 550m, PrepaidAmount = 550m, ReductionNote = null,
            Basis = [new(0m, null, null, 50m), new(200_000m, 300_000m, 0.005m, 500m)],
        };

        var text = Text(NoticePdfs.Fee(model));

        Assert.Contains("每件按件50.00元", text);
        Assert.Contains("超过200,000元至300,000元的部分0.5%500.00元", text);
        Assert.Contains("合计550.00元", text);
        Assert.DoesNotContain("超过0元", text);
    }

    // ---- 补正通知书

    [Fact]
    public void Correction_FourItems_AllListedWithDueDate()
    {
        var text = Text(NoticePdfs.Correction(Correction()));

        AssertCommon(text, "补正通知书");
        Assert.Contains(Receipt, text);
        Assert.Contains("张三诉王喆、李堃民间借贷纠纷", text);
        Assert.Contains("第七条", text);
        Assert.Contains("一次性告知", text);
        string[] numbers = ["一、", "二、", "三、", "四、"];
        for (var i = 0; i < CorrectionItems.Length; i++)
            Assert.Contains(numbers[i] + NoSpace(CorrectionItems[i]).TrimEnd('。'), text);
        Assert.Contains("2026年12月15日前", text);
        Assert.Contains("退回", text);
        Assert.Contains("裁定", text);
        Assert.Contains("马晓燕", text);
    }

    // ---- 裁定书

    [Fact]
    public void Rejection_CivilRuling_ShowsOrderAppealAndJudge()
    {
        var text = Text(NoticePdfs.Rejection(Ruling()));

        AssertCommon(text, "民事裁定书");
        Assert.Contains(Receipt, text);
        Assert.Contains("起诉人：张三。", text);
        Assert.Contains("被起诉人：王喆。", text);
        Assert.Contains("本院经审查认为，" + ShortReasons, text);
        Assert.Contains("依照《中华人民共和国民事诉讼法》第一百二十二条、第一百二十七条第五项的规定，裁定如下：", text);
        Assert.Contains("对起诉人张三的起诉，本院不予受理。", text);
        Assert.Contains("十日内", text);
        Assert.Contains("上诉于" + AppealCourt, text);
        Assert.Contains("审判员赵明德", text);
        Assert.Contains("二〇二六年十二月二十一日", text);
    }

    [Fact]
    public void Rejection_Administrative_NotRegisteredRuling()
    {
        var text = Text(NoticePdfs.Rejection(Ruling(administrative: true)));

        Assert.Contains("行政裁定书", text);
        Assert.Contains("本院不予立案", text);
        Assert.DoesNotContain("民事裁定书", text);
    }

    [Fact]
    public void Rejection_EmptyLegalBasis_FallsBackToTheLaw()
    {
        var text = Text(NoticePdfs.Rejection(Ruling() with { LegalBasis = "" }));

        Assert.Contains("依照《中华人民共和国民事诉讼法》的有关规定，裁定如下：", text);
    }

    [Fact]
    public void Rejection_LongReasons_WrapsToSecondPageWithoutLoss()
    {
        var sb = new StringBuilder("经审查，");
        for (var i = 1; i <= 40; i++)
            sb.Append($"第{i}点：起诉人王喆、𠮷田主张的借款事实，已由生效的（2025）甘0622民初{i}号民事判决确认，起诉人就同一诉讼标的再次起诉，构成重复起诉。");
        var reasons = sb.ToString();

        var pdf = NoticePdfs.Rejection(Ruling(reasons));

        using var doc = PdfDocument.Open(pdf);
        Assert.True(doc.NumberOfPages >= 2, $"{doc.NumberOfPages} pages");
        var body = BodyText(pdf);
        Assert.Contains(reasons, body);
        Assert.Contains("审判员赵明德", body);
        Assert.Contains($"第{doc.NumberOfPages}页共{doc.NumberOfPages}页", Text(pdf));
    }

    // ---- helpers

    [Theory]
    [InlineData(2026, 11, 30, "二〇二六年十一月三十日")]
    [InlineData(2027, 1, 1, "二〇二七年一月一日")]
    [InlineData(2026, 10, 10, "二〇二六年十月十日")]
    [InlineData(2026, 12, 21, "二〇二六年十二月二十一日")]
    [InlineData(2030, 2, 20, "二〇三〇年二月二十日")]
    public void ChineseDate_Dates_WrittenInChineseNumerals(int y, int m, int d, string expected)
    {
        Assert.Equal(expected, NoticePdfs.ChineseDate(new DateOnly(y, m, d)));
    }

    [Theory]
    [InlineData("2900", "贰仟玖佰元整")]
    [InlineData("1450", "壹仟肆佰伍拾元整")]
    [InlineData("10.05", "壹拾元零伍分")]
    [InlineData("100200.30", "壹拾万零贰佰元叁角")]
    [InlineData("141800", "壹拾肆万壹仟捌佰元整")]
    [InlineData("10000001", "壹仟万零壹元整")]
    [InlineData("100010000", "壹亿零壹万元整")]
    [InlineData("0.5", "伍角")]
    public void UppercaseAmount_Amounts_FinancialNumerals(string amount, string expected)
    {
        Assert.Equal(expected, NoticePdfs.UppercaseAmount(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(7, "七")]
    [InlineData(10, "十")]
    [InlineData(15, "十五")]
    [InlineData(30, "三十")]
    [InlineData(105, "一百零五")]
    [InlineData(110, "一百一十")]
    public void ChineseNumber_Counts_WrittenInChineseNumerals(int n, string expected)
    {
        Assert.Equal(expected, NoticePdfs.ChineseNumber(n));
    }

    [Fact]
    public void MoneyAndRate_Formatting_SeparatorsAndPercent()
    {
        Assert.Equal("2,900.00元", NoticePdfs.Money(2900m));
        Assert.Equal("141,800.00元", NoticePdfs.Money(141_800m));
        Assert.Equal("0.01元", NoticePdfs.Money(0.005m));
        Assert.Equal("2.5%", NoticePdfs.Rate(0.025m));
        Assert.Equal("0.5%", NoticePdfs.Rate(0.005m));
    }
}
