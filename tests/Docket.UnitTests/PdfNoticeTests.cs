using System.Text;
using Docket.Web.Features.Notices;
using UglyToad.PdfPig;

namespace Docket.UnitTests;

public class PdfNoticeTests
{
    const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    const string Court = "古浪县人民法院";

    static ReceiptPdfModel Receipt() => new(
        ReceiptNumber: "WSLA-2025-620722-000123",
        Version: 2,
        CourtName: Court,
        CaseTypeName: "民事一审",
        Title: "张三诉王喆、李堃民间借贷纠纷",
        Cause: "民间借贷纠纷",
        SubmittedAtUtc: new DateTime(2025, 3, 14, 16, 5, 9, DateTimeKind.Utc),
        FilerName: "𠮷田张三",
        Parties: ["原告：张三，男，汉族，住甘肃省武威市古浪县", "被告：王喆", "被告：李堃", "第三人：𠮷田花子", "第三人：𪛖某"],
        Documents:
        [
            new("起诉状.pdf", 182_345, Hash),
            new("身份证明（张三）.jpg", 1_048_576, new string('a', 64)),
            new("借条 scan-2024-11-02 original version.pdf", 73, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
        ],
        VerifyUrl: "https://court.example.cn/verify/WSLA-2025-620722-000123?v=2&h=9f86d081");

    static string AllText(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var sb = new StringBuilder();
        foreach (var page in doc.GetPages())
            sb.Append(page.Text).Append('\n');
        return sb.ToString();
    }

    static string NoSpace(string s) => new(s.Where(c => !char.IsWhiteSpace(c)).ToArray());

    [Fact]
    public void RenderReceipt_RareCharacterNames_TextIsExtractable()
    {
        var pdf = ReceiptPdf.Render(Receipt());

        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        var text = AllText(pdf);
        var compact = NoSpace(text);
        Assert.Contains("WSLA-2025-620722-000123", compact);
        Assert.Contains("网上立案电子回执", compact);
        Assert.Contains(Court, compact);
        Assert.Contains(Hash, compact);
        Assert.Contains("张三", compact);
        Assert.Contains("王喆", compact);
        Assert.Contains("李堃", compact);
        Assert.Contains("𠮷田", compact);
        Assert.Contains("𪛖某", compact); // Ext. B from Hanazono B
        Assert.Contains("2025年3月15日00:05:09", compact); // 16:05:09 UTC is the next day in Beijing
        Assert.Contains("(电子文本，未加盖印章)", compact);
        Assert.DoesNotContain('\uFFFD', text);
        foreach (var c in text.Where(char.IsSurrogate))
            Assert.True(text.Contains("𠮷"), $"unexpected lone surrogate U+{(int)c:X4}");
    }

    [Fact]
    public void RenderReceipt_Metadata_TitleAndCreatorSet()
    {
        using var doc = PdfDocument.Open(ReceiptPdf.Render(Receipt()));

        Assert.Equal("Docket", doc.Information.Creator);
        Assert.Contains("网上立案电子回执", doc.Information.Title);
        Assert.Equal(1, doc.NumberOfPages);
        Assert.Contains("第 1 页 共 1 页", doc.GetPage(1).Text);
    }

    [Fact]
    public void RenderReceipt_RareCharacters_DrawnWithFallbackFaces()
    {
        using var doc = PdfDocument.Open(ReceiptPdf.Render(Receipt()));
        var letters = doc.GetPages().SelectMany(p => p.Letters).ToList();

        var yoshi = Assert.Single(letters.Where(l => l.Value == "𠮷").Select(l => l.FontName).Distinct());
        Assert.Contains("HanaMin", yoshi); // Hanazono A already covers 𠮷 (JIS X 0213); B has the rest of Ext. B
        Assert.All(letters.Where(l => l.Value == "张"), l => Assert.Contains("SungtiL", l.FontName));
    }

    [Fact]
    public void SplitRuns_MixedText_EachCharacterInAFaceThatHasIt()
    {
        var runs = CjkFonts.SplitRuns("张三𠮷田A");

        Assert.True(CjkFonts.MainFontAvailable, CjkFonts.Describe());
        Assert.Equal("张三𠮷田A", string.Concat(runs.Select(r => r.Text)));
        Assert.Equal(CjkFonts.MainFamily, CjkFonts.FamilyFor(new Rune('张')));
        Assert.Equal(CjkFonts.FallbackAFamily, CjkFonts.FamilyFor(new Rune(0x20BB7))); // 𠮷 is in Hanazono A
        Assert.Equal(CjkFonts.FallbackBFamily, CjkFonts.FamilyFor(new Rune(0x2A6D6))); // 𪛖 only in Hanazono B
        Assert.Equal(CjkFonts.MainFamily, CjkFonts.FamilyFor(new Rune('田')));
        Assert.Equal(CjkFonts.FallbackAFamily, CjkFonts.FamilyFor(new Rune(0x3400))); // 㐀, Ext. A
        Assert.Equal([CjkFonts.MainFamily, CjkFonts.FallbackAFamily, CjkFonts.MainFamily], runs.Select(r => r.Family));
        Assert.Equal(["张三", "𠮷", "田A"], runs.Select(r => r.Text));
    }

    [Fact]
    public void Describe_FontsInstalled_NamesFiles()
    {
        CjkFonts.Register();
        CjkFonts.Register();

        Assert.Contains("gbsn00lp.ttf", CjkFonts.Describe());
        Assert.Contains("HanaMinB.ttf", CjkFonts.Describe());
    }

    [Fact]
    public void FontSetLoad_NoFontFiles_ReportsHowToInstall()
    {
        var fonts = FontSet.Load(["/nonexistent/fonts"]);

        Assert.False(fonts.MainAvailable);
        Assert.Contains("apt-get install fonts-arphic-gbsn00lp fonts-hanazono", fonts.Describe());
        Assert.Equal(CjkFonts.MainFamily, fonts.FamilyFor(new Rune(0x20BB7)));
        Assert.Single(fonts.SplitRuns("张三𠮷"));
    }

    [Fact]
    public void Writer_ThreePages_PageCountAndFooters()
    {
        using var writer = new PdfNoticeWriter("测试");
        writer.Title("多页文书").Paragraph("第一页内容。").PageBreak().Paragraph("第二页内容。").PageBreak().Paragraph("第三页内容。");
        writer.Footer("测试页脚");
        var pdf = writer.ToArray();

        using var doc = PdfDocument.Open(pdf);
        Assert.Equal(3, doc.NumberOfPages);
        for (var i = 1; i <= 3; i++)
        {
            var text = doc.GetPage(i).Text;
            Assert.Contains($"第 {i} 页 共 3 页", text);
            Assert.Contains("测试页脚", text);
        }
    }

    [Fact]
    public void Writer_LongText_BreaksPagesAutomatically()
    {
        using var writer = new PdfNoticeWriter("测试");
        for (var i = 0; i < 60; i++)
            writer.Paragraph($"　　第{i}段：本院经审查认为，起诉人提交的材料符合《中华人民共和国民事诉讼法》第一百二十二条规定的起诉条件，依法予以登记立案。");
        var pdf = writer.ToArray();

        using var doc = PdfDocument.Open(pdf);
        Assert.True(doc.NumberOfPages >= 3, $"{doc.NumberOfPages} pages");
        var all = NoSpace(AllText(pdf));
        for (var i = 0; i < 60; i++)
            Assert.Contains($"第{i}段：", all);
        Assert.Contains($"第{doc.NumberOfPages}页共{doc.NumberOfPages}页", all);
    }

    [Fact]
    public void Writer_TableWithManyRows_RepeatsHeaderAndKeepsAllRows()
    {
        using var writer = new PdfNoticeWriter("测试");
        var rows = Enumerable.Range(1, 80).Select(i => new[] { i.ToString(), $"证据{i}.pdf", Hash });
        writer.Table(["序号", "文件名", "SHA-256"], rows, [1, 3, 4]);
        var pdf = writer.ToArray();

        using var doc = PdfDocument.Open(pdf);
        Assert.True(doc.NumberOfPages > 1);
        foreach (var page in doc.GetPages())
            Assert.Contains("文件名", page.Text);
        var all = NoSpace(AllText(pdf));
        for (var i = 1; i <= 80; i++)
            Assert.Contains($"证据{i}.pdf", all);
    }

    [Fact]
    public void Writer_SealImage_EmbeddedInsteadOfNote()
    {
        using var writer = new PdfNoticeWriter("测试");
        writer.SignatureBlock(Court, "2025年3月15日").SealOrNote(PdfNoticeWriter.RenderQrPng("seal"));
        var pdf = writer.ToArray();

        using var doc = PdfDocument.Open(pdf);
        Assert.DoesNotContain("未加盖印章", doc.GetPage(1).Text);
        Assert.Single(doc.GetPage(1).GetImages());
    }

    // ---- ChineseLineBreaker ----

    static double PerChar(string s) => s.EnumerateRunes().Count();

    const string Sample =
        "本院于二〇二五年三月十四日收到你（单位）提交的起诉状，经审查，符合《中华人民共和国民事诉讼法》第一百二十二条的规定。" +
        "请于收到本通知之日起七日内预交案件受理费；逾期不交的，按撤诉处理！你可以登录“网上立案”平台查询进度……其他事项：无。";

    [Fact]
    public void Break_ClosingPunctuation_NeverStartsLine()
    {
        for (var width = 4; width <= 30; width++)
        {
            var lines = ChineseLineBreaker.Break(Sample, PerChar, width);

            Assert.Equal(Sample, string.Concat(lines));
            foreach (var line in lines.Where(l => l.Length > 0))
                Assert.False(ChineseLineBreaker.IsNoLineStart(Rune.GetRuneAt(line, 0)), $"width {width}: line starts with '{line[0]}': {line}");
        }
    }

    [Fact]
    public void Break_OpeningPunctuation_NeverEndsLine()
    {
        for (var width = 4; width <= 30; width++)
        {
            var lines = ChineseLineBreaker.Break(Sample, PerChar, width);

            foreach (var line in lines.Where(l => l.Length > 0))
                Assert.False(ChineseLineBreaker.IsNoLineEnd(new Rune(line[^1])), $"width {width}: line ends with '{line[^1]}': {line}");
        }
    }

    [Fact]
    public void Break_ClosingPunctuationAtLineEnd_PullsPreviousCharacterDown()
    {
        var lines = ChineseLineBreaker.Break("甲乙丙丁。", PerChar, 4);

        Assert.Equal(["甲乙丙", "丁。"], lines);
    }

    [Fact]
    public void Break_WidthsRespected_EveryLineFits()
    {
        for (var width = 3; width <= 25; width++)
        {
            var lines = ChineseLineBreaker.Break(Sample + " Some English words and 12345 numbers.", s => s.Length * 1.0, width);

            Assert.All(lines, l => Assert.True(l.Length <= width, $"width {width}: '{l}' is {l.Length}"));
        }
    }

    [Fact]
    public void Break_SurrogatePairs_KeptWhole()
    {
        var text = string.Concat(Enumerable.Repeat("𠮷田𠀀丽", 10));

        for (var width = 1; width <= 7; width++)
        {
            var lines = ChineseLineBreaker.Break(text, PerChar, width);

            Assert.Equal(text, string.Concat(lines));
            foreach (var line in lines)
            {
                Assert.True(PerChar(line) <= width);
                for (var i = 0; i < line.Length; i++)
                {
                    if (char.IsHighSurrogate(line[i])) { Assert.True(i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]), line); i++; }
                    else Assert.False(char.IsLowSurrogate(line[i]), line);
                }
            }
        }
    }

    [Fact]
    public void Break_LongLatinWord_IsBrokenToWidth()
    {
        var lines = ChineseLineBreaker.Break(Hash, PerChar, 10);

        Assert.Equal(7, lines.Count);
        Assert.All(lines.Take(6), l => Assert.Equal(10, l.Length));
        Assert.Equal(Hash, string.Concat(lines));
    }

    [Fact]
    public void Break_LatinWords_KeptTogetherWhenTheyFit()
    {
        var lines = ChineseLineBreaker.Break("hello world foo", PerChar, 11);
        Assert.Equal(["hello world", "foo"], lines);

        var mixed = ChineseLineBreaker.Break("案号2025甘0622民初123号", PerChar, 7);
        Assert.Equal(["案号2025甘", "0622民初", "123号"], mixed);
    }

    [Fact]
    public void Break_ExplicitNewline_StartsNewLine()
    {
        var lines = ChineseLineBreaker.Break("原告：张三\n被告：李四\r\n\n第三人：王五", PerChar, 20);

        Assert.Equal(["原告：张三", "被告：李四", "", "第三人：王五"], lines);
    }

    [Fact]
    public void Break_FirstLineIndent_Kept()
    {
        var lines = ChineseLineBreaker.Break("　　本院经审查认为", PerChar, 5);

        Assert.Equal(["　　本院经", "审查认为"], lines);
    }
}
