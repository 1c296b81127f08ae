using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Docket.IntegrationTests;

/// <summary>
/// The staff-education pages through HTTP with the cookie: the committee overview (charts, period, workbook),
/// participation drill-down, and their scoping — the intermediate court's unit admin never sees the police units.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed partial class EducationPageTests(SqliteAppFactory app)
{
    const string Plc = "plc.admin@demo.docket";
    const string CourtAdmin = "unit.admin.620600@demo.docket";
    const string Officer = "officer.dachaigou@demo.docket";

    async Task<PageBrowser> SignedInAsync(string email, string password = DocketAppFactory.DemoPassword)
    {
        var b = new PageBrowser(app.Http.BaseAddress!);
        await b.LoginAsync(email, password);
        return b;
    }

    static string FieldMessage(string html, string field) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<", RegexOptions.IgnoreCase).Groups[1].Value);

    static List<IDictionary<string, object?>> Sheet(byte[] xlsx, string name)
    {
        using var stream = new MemoryStream(xlsx);
        return [.. stream.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>()];
    }

    async Task<string> RectificationAsync(string token, string unitId, string category, string responsible, string due)
    {
        var json = await (await app.PostAsync("/api/v1/education/rectifications", new
        {
            unitId,
            category,
            description = "违规参与经营活动问题线索",
            responsible,
            dueDate = due,
            measures = "约谈提醒，限期清退",
        }, token)).ShouldBe(HttpStatusCode.Created, "rectification");
        return json.Str("id");
    }

    [Fact]
    public async Task Dashboard_PeriodChartsAndWorkbook_CountsWithoutNames()
    {
        var plc = await app.StaffAsync(Plc);
        await RectificationAsync(plc, "liangzhou-psb", "business", "赵德柱", "2026-01-15");
        await (await app.PostAsync("/api/v1/education/service-activities", new
        {
            unitId = "dachaigou",
            title = "上门调解邻里纠纷",
            date = "2026-05-20",
            theme = "矛盾化解",
            beneficiaries = 12,
            description = "民警上门调解",
            outcome = "双方和解",
        }, plc)).ShouldBe(HttpStatusCode.Created, "service");
        var officerId = await app.ReadDbAsync(db => db.Officers.Where(o => o.UnitId == "dachaigou").OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        await (await app.PostAsync("/api/v1/education/study-records", new
        {
            records = new[] { new { officerId, date = "2026-05-21", mode = "group", minutes = 60, topic = "学习党章" } },
        }, plc)).ShouldBe(HttpStatusCode.OK, "study");

        using var b = await SignedInAsync(Plc);
        var html = await b.GetAsync("/Education?from=2026-05-01&to=2026-05-31");
        Assert.Contains("id=\"stats-charts\"", html);
        Assert.Contains("id=\"chart-participation\"", html);
        Assert.Contains("id=\"chart-ledger\"", html);
        Assert.Contains("id=\"chart-service\"", html);
        Assert.Contains("违规经商办企业", html);
        Assert.Contains("2026-05", html);
        Assert.Contains("武威市公安局", html);
        Assert.DoesNotContain("赵德柱", html);
        Assert.Matches("data-figure=\"participating\">[1-9]", html);
        var charts = JsonDocument.Parse(WebUtility.HtmlDecode(Regex.Match(html, "id=\"stats-charts\">([^<]*)<").Groups[1].Value)).RootElement;
        Assert.Equal(["chart-participation", "chart-ledger", "chart-service", "chart-events"], charts.EnumerateArray().Select(c => c.Str("id")).ToArray());

        var xlsx = await b.ResponseAsync("/Education?handler=Export&from=2026-05-01&to=2026-05-31");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        var summary = Sheet(bytes, "概况");
        Assert.Equal("2026-05-01", (string?)summary.Single(r => (string?)r["项目"] == "起始日期")["数值"]);
        Assert.True(Convert.ToDouble(summary.Single(r => (string?)r["项目"] == "为民办实事活动数")["数值"]) >= 1);
        var ledger = Sheet(bytes, "查纠整改");
        Assert.Equal(7, ledger.Count);
        Assert.True(Convert.ToDouble(ledger.Single(r => (string?)r["问题类别"] == "违规经商办企业")["已逾期"]) >= 1);
        var units = Sheet(bytes, "参学率");
        Assert.Contains(units, r => (string?)r["单位代码"] == "wuwei-psb");
        Assert.Contains(Sheet(bytes, "为民办实事"), r => (string?)r["月份"] == "2026-05");
        Assert.DoesNotContain("赵德柱", System.Text.Encoding.UTF8.GetString(bytes));

        var bad = await b.GetAsync("/Education?from=2026-13-40");
        Assert.Equal("日期应为 YYYY-MM-DD 格式。", FieldMessage(bad, "from"));
        Assert.DoesNotContain("id=\"stats-charts\"", bad);
    }

    [Fact]
    public async Task Dashboard_CourtUnitAdmin_SeesOnlyTheCourts_OfficerAndFilerRefused()
    {
        using var court = await SignedInAsync(CourtAdmin);
        var html = await court.GetAsync("/Education");
        Assert.Contains("武威市中级人民法院", html);
        Assert.DoesNotContain("公安局", html);
        var xlsx = await court.ResponseAsync("/Education?handler=Export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var units = Sheet(await xlsx.Content.ReadAsByteArrayAsync(), "参学率");
        Assert.All(units, r => Assert.StartsWith("6206", (string?)r["单位代码"]));

        using var officer = await SignedInAsync(Officer);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.SendAsync(HttpMethod.Get, "/Education")).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.SendAsync(HttpMethod.Get, "/Education?handler=Export")).Status);
        var filer = await app.SharedFilerAsync();
        using var f = await SignedInAsync(filer.Email, filer.Password);
        Assert.NotEqual(HttpStatusCode.OK, (await f.SendAsync(HttpMethod.Get, "/Education?handler=Export")).Status);
    }

    [Fact]
    public async Task Participation_DrillDownThroughTheTree_BadMinRecordsShown_ForeignUnit404()
    {
        using var b = await SignedInAsync(Plc);
        var top = await b.GetAsync("/Education/Participation?from=2026-05-01&to=2026-05-31");
        Assert.Contains("data-unit=\"wuwei-psb\"", top);
        Assert.Contains("/Education/Participation?unitId=wuwei-psb&amp;from=2026-05-01&amp;to=2026-05-31&amp;minRecords=1", top);
        var psb = await b.GetAsync("/Education/Participation?unitId=wuwei-psb&from=2026-05-01&to=2026-05-31");
        Assert.Contains("data-unit=\"tianzhu-psb\"", psb);
        Assert.DoesNotContain("data-unit=\"620600\"", psb);
        var tianzhu = await b.GetAsync("/Education/Participation?unitId=tianzhu-psb&from=2026-05-01&to=2026-05-31&minRecords=2");
        Assert.Contains("data-unit=\"dachaigou\"", tianzhu);
        Assert.Contains("aria-current=\"page\">天祝藏族自治县公安局<", tianzhu);
        Assert.DoesNotContain("unitId=dachaigou", tianzhu); // a station has no units below it

        var bad = await b.GetAsync("/Education/Participation?minRecords=0");
        Assert.Equal("最少学习次数应为 1 至 1000。", FieldMessage(bad, "minRecords"));
        Assert.DoesNotContain("data-unit=", bad);
        bad = await b.GetAsync("/Education/Participation?minRecords=abc");
        Assert.Equal("最少学习次数应为 1 至 1000。", FieldMessage(bad, "minRecords"));
        bad = await b.GetAsync("/Education/Participation?from=2026-06-01&to=2026-05-01");
        Assert.Equal("统计期间不正确。", FieldMessage(bad, "to"));

        using var court = await SignedInAsync(CourtAdmin);
        Assert.Contains("data-unit=\"620602\"", await court.GetAsync("/Education/Participation"));
        Assert.Equal(HttpStatusCode.NotFound, (await court.SendAsync(HttpMethod.Get, "/Education/Participation?unitId=wuwei-psb")).Status);
        using var officer = await SignedInAsync(Officer);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.SendAsync(HttpMethod.Get, "/Education/Participation")).Status);
    }

    [Fact]
    public async Task Timetable_ManagerReplacesIt_BadRowShownNothingSaved_OfficerReadsOnly()
    {
        using var b = await SignedInAsync(Plc);
        var form = await b.GetAsync("/Education/Timetable/minqin-psb");
        Assert.Contains("民勤县公安局", form);
        var (status, body, location) = await b.PostFormAsync("/Education/Timetable/minqin-psb", PageBrowser.Token(form), new()
        {
            ["Entries[0].Weekday"] = "1",
            ["Entries[0].Mode"] = "plenary",
            ["Entries[0].Topic"] = "集中学习政法队伍教育整顿文件",
            ["Entries[1].Weekday"] = "",
            ["Entries[1].Mode"] = "",
            ["Entries[1].Topic"] = "", // a blank row, as the browser posts it
            ["Entries[2].Weekday"] = "3",
            ["Entries[2].Mode"] = "group",
            ["Entries[2].Topic"] = "分组讨论",
        });
        Assert.True(status == HttpStatusCode.Redirect, body);
        var saved = await b.GetAsync(location!);
        Assert.Contains("已保存。", saved);
        Assert.Contains("集中学习政法队伍教育整顿文件", saved);
        Assert.Equal(2, await app.ReadDbAsync(db => db.StudyTimetable.CountAsync(t => t.UnitId == "minqin-psb")));

        (status, body, _) = await b.PostFormAsync("/Education/Timetable/minqin-psb", PageBrowser.Token(saved), new()
        {
            ["Entries[0].Weekday"] = "2",
            ["Entries[0].Mode"] = "plenary",
            ["Entries[0].Topic"] = "改过的",
            ["Entries[1].Weekday"] = "",
            ["Entries[1].Mode"] = "",
            ["Entries[1].Topic"] = "",
            ["Entries[2].Weekday"] = "9",
            ["Entries[2].Mode"] = "dancing",
            ["Entries[2].Topic"] = "x",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("星期应为 1 至 7。", FieldMessage(body, "Entries[2].Weekday"));
        Assert.Equal("学习方式不正确。", FieldMessage(body, "Entries[2].Mode"));
        Assert.Equal(1, await app.ReadDbAsync(db => db.StudyTimetable.CountAsync(t => t.UnitId == "minqin-psb" && t.Topic == "集中学习政法队伍教育整顿文件")));

        using var court = await SignedInAsync(CourtAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await court.SendAsync(HttpMethod.Get, "/Education/Timetable/minqin-psb")).Status);
        using var officer = await SignedInAsync(Officer);
        var view = await officer.GetAsync("/Education/Timetable/dachaigou");
        Assert.DoesNotContain("保存课表", view);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.SendAsync(HttpMethod.Get, "/Education/Timetable/minqin-psb")).Status);
        (_, _, location) = await officer.PostFormAsync("/Education/Timetable/dachaigou", PageBrowser.Token(await officer.GetAsync("/Education/Study")), new()
        {
            ["Entries[0].Weekday"] = "1",
            ["Entries[0].Mode"] = "plenary",
            ["Entries[0].Topic"] = "越权",
        });
        Assert.DoesNotContain("saved", location ?? "");
        Assert.False(await app.ReadDbAsync(db => db.StudyTimetable.AnyAsync(t => t.Topic == "越权")));
    }

    [Fact]
    public async Task Study_OfficerRecordsOwn_ManagerInBulk_BadMinutesShownNothingWritten()
    {
        using var officer = await SignedInAsync(Officer);
        var form = await officer.GetAsync("/Education/Study");
        Assert.Contains("读书班", form);
        var (status, body, _) = await officer.PostFormAsync("/Education/Study", PageBrowser.Token(form), new()
        {
            ["Date"] = "2026-06-02",
            ["Mode"] = "reading-class",
            ["Minutes"] = "0",
            ["Topic"] = "读《习近平法治思想学习纲要》",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("学习时长应为 1 至 1440 分钟。", FieldMessage(body, "Minutes"));
        Assert.False(await app.ReadDbAsync(db => db.StudyRecords.AnyAsync(r => r.Topic == "读《习近平法治思想学习纲要》")));
        (status, body, var location) = await officer.PostFormAsync("/Education/Study", PageBrowser.Token(form), new()
        {
            ["Date"] = "2026-06-02",
            ["Mode"] = "reading-class",
            ["Minutes"] = "45",
            ["Topic"] = "读《习近平法治思想学习纲要》",
        });
        Assert.True(status == HttpStatusCode.Redirect, body);
        var mine = await officer.GetAsync(location!);
        Assert.Contains("已登记 1 条学习记录。", mine);
        Assert.Contains("读《习近平法治思想学习纲要》", mine);

        using var b = await SignedInAsync(CourtAdmin);
        var bulk = await b.GetAsync("/Education/Study?unitId=620621");
        var ids = await app.ReadDbAsync(db => db.Officers.Where(o => o.UnitId == "620621").OrderBy(o => o.Id).Select(o => o.Id).Take(3).ToListAsync());
        Assert.Contains($"value=\"{ids[0]}\"", bulk);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Date", "2026-06-03"), new("Mode", "tutorial"), new("Minutes", "90"), new("Topic", "辅导讲座：司法责任制"),
            new("__RequestVerificationToken", PageBrowser.Token(bulk)),
        };
        fields.AddRange(ids.Select(id => new KeyValuePair<string, string>("OfficerIds", id)));
        (status, body, location) = await b.SendAsync(HttpMethod.Post, "/Education/Study?unitId=620621", new FormUrlEncodedContent(fields));
        Assert.True(status == HttpStatusCode.Redirect, body);
        Assert.Contains("已登记 3 条学习记录。", await b.GetAsync(location!));
        Assert.Equal(3, await app.ReadDbAsync(db => db.StudyRecords.CountAsync(r => r.Topic == "辅导讲座：司法责任制")));

        Assert.Equal(HttpStatusCode.NotFound, (await b.SendAsync(HttpMethod.Get, "/Education/Study?unitId=dachaigou")).Status);
        var filer = await app.SharedFilerAsync();
        using var f = await SignedInAsync(filer.Email, filer.Password);
        Assert.NotEqual(HttpStatusCode.OK, (await f.SendAsync(HttpMethod.Get, "/Education/Study")).Status);
    }

    [Fact]
    public async Task Materials_CommitteePublishes_OfficerReadsAndTakesQuiz_ReportCountsOnly()
    {
        using var plc = await SignedInAsync(Plc);
        var list = await plc.GetAsync("/Education/Materials");
        var title = "政法干警应知应会第" + Guid.NewGuid().ToString("N")[..6] + "章";
        var fields = new Dictionary<string, string>
        {
            ["Title"] = title,
            ["Markdown"] = "## 三个规定\n\n领导干部**干预司法**活动应当记录。<script>alert(1)</script>",
            ["Questions[0].Text"] = "“三个规定”要求对干预司法活动如何处理？",
            ["Questions[0].Kind"] = "single",
            ["Questions[0].Options"] = "全面记录、如实报告\n不予理会\n私下处理",
            ["Questions[0].Answer"] = "9",
            ["Questions[1].Text"] = "",
            ["Questions[1].Options"] = "",
            ["Questions[1].Answer"] = "",
        };
        var (status, body, location) = await plc.PostFormAsync("/Education/Materials", PageBrowser.Token(list), fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("答案应为选项的序号，单选题只能有一个答案。", FieldMessage(body, "Questions[0].Answer"));
        Assert.False(await app.ReadDbAsync(db => db.StudyMaterials.AnyAsync(m => m.Title == title)));
        fields["Questions[0].Answer"] = "1";
        (status, body, location) = await plc.PostFormAsync("/Education/Materials", PageBrowser.Token(list), fields);
        Assert.True(status == HttpStatusCode.Redirect, body);
        var id = location!.Split('/').Last();

        using var officer = await SignedInAsync(Officer);
        var chapter = await officer.GetAsync($"/Education/Materials/{id}");
        Assert.Contains("<strong>干预司法</strong>", chapter);
        Assert.DoesNotContain("<script>alert", chapter);
        Assert.DoesNotContain("印发份数", chapter);
        var read = (await officer.PostFormAsync($"/Education/Materials/{id}/Read", PageBrowser.Token(chapter), [])).Body;
        Assert.Contains("已标记为已读。", read);
        var (_, wrong, _) = await officer.PostFormAsync($"/Education/Materials/{id}/Quiz", PageBrowser.Token(chapter), new() { ["q0"] = "1" });
        Assert.Contains("data-score=\"0\"", wrong);
        var (_, right, _) = await officer.PostFormAsync($"/Education/Materials/{id}/Quiz", PageBrowser.Token(chapter), new() { ["q0"] = "0" });
        Assert.Contains("data-score=\"100\"", right);
        Assert.Contains("最高 100 分", right);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.SendAsync(HttpMethod.Get, $"/Education/Materials/{id}/Report")).Status);

        var detail = await plc.GetAsync($"/Education/Materials/{id}");
        var (_, badCopies, _) = await plc.PostFormAsync($"/Education/Materials/{id}/Copies", PageBrowser.Token(detail), new() { ["UnitId"] = "tianzhu-psb", ["Copies"] = "-3" });
        Assert.Equal("印发份数应为不小于 0 的整数。", FieldMessage(badCopies, "Copies"));
        var (_, copies, _) = await plc.PostFormAsync($"/Education/Materials/{id}/Copies", PageBrowser.Token(detail), new() { ["UnitId"] = "dachaigou", ["Copies"] = "30" });
        Assert.Contains("已记录", copies);
        var report = await plc.GetAsync($"/Education/Materials/{id}/Report?unitId=tianzhu-psb");
        Assert.Matches("data-unit=\"dachaigou\">\\s*<td[^>]*>[^<]*</td>\\s*<td[^>]*>24</td>\\s*<td[^>]*>1</td>", report);
        Assert.Contains("data-figure=\"copies\">30<", report);
        Assert.DoesNotContain(Docket.Web.Features.Organisation.DemoOfficers.Name("dachaigou", 1), report);

        using var court = await SignedInAsync(CourtAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await court.SendAsync(HttpMethod.Get, $"/Education/Materials/{id}/Report?unitId=tianzhu-psb")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.SendAsync(HttpMethod.Get, "/Education/Materials/nope")).Status);
    }

    static MultipartFormDataContent CloseForm(string token, string evidence, params (string Name, byte[] Bytes, string Type)[] files)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(evidence), "Evidence" },
        };
        foreach (var (name, bytes, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            form.Add(part, "Files", name);
        }
        return form;
    }

    [Fact]
    public async Task Rectifications_CreateOverdue_InProgress_CloseWithEvidenceDocuments_Downloadable()
    {
        using var b = await SignedInAsync(Plc);
        var ledger = await b.GetAsync("/Education/Rectifications?unitId=gulang-psb");
        var responsible = "钱" + Guid.NewGuid().ToString("N")[..4];
        var fields = new Dictionary<string, string>
        {
            ["UnitId"] = "gulang-psb",
            ["Category"] = "shares-loans",
            ["Description"] = "民警违规向辖区商户借款",
            ["Responsible"] = responsible,
            ["DueDate"] = "2026-02-30",
            ["Measures"] = "清退借款，诫勉谈话",
        };
        var (status, body, location) = await b.PostFormAsync("/Education/Rectifications?handler=Create", PageBrowser.Token(ledger), fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("日期应为 YYYY-MM-DD 格式。", FieldMessage(body, "DueDate"));
        Assert.False(await app.ReadDbAsync(db => db.Rectifications.AnyAsync(r => r.Responsible == responsible)));
        fields["DueDate"] = "2026-02-28";
        (status, body, _) = await b.PostFormAsync("/Education/Rectifications?handler=Create", PageBrowser.Token(ledger), fields);
        Assert.True(status == HttpStatusCode.Redirect, body);
        var id = await app.ReadDbAsync(db => db.Rectifications.Where(r => r.Responsible == responsible).Select(r => r.Id).SingleAsync());

        var list = await b.GetAsync("/Education/Rectifications?unitId=gulang-psb&category=shares-loans&status=open");
        var item = Regex.Match(list, $"data-item=\"{id}\"[\\s\\S]*?</article>").Value;
        Assert.Contains("data-overdue", item);
        Assert.Contains(responsible, item);
        Assert.DoesNotContain($"data-item=\"{id}\"", await b.GetAsync("/Education/Rectifications?unitId=gulang-psb&category=business"));

        (status, _, _) = await b.PostFormAsync($"/Education/Rectifications?handler=Status&id={id}", PageBrowser.Token(list), []);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("in-progress", await app.ReadDbAsync(db => db.Rectifications.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));

        // a text file named .pdf: refused by its content, the item stays open, no row
        (status, body, _) = await b.SendAsync(HttpMethod.Post, $"/Education/Rectifications?handler=Close&id={id}",
            CloseForm(PageBrowser.Token(list), "借款已全部清退", ("清退凭证.pdf", TestFiles.Pdf("receipt"), "application/pdf"), ("假的.pdf", TestFiles.Text(), "application/pdf")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("仅接受 PDF、JPEG、PNG 文件（按文件内容判断，而非文件名）。", FieldMessage(body, "Files"));
        Assert.Equal("in-progress", await app.ReadDbAsync(db => db.Rectifications.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.False(await app.ReadDbAsync(db => db.RectificationEvidence.AnyAsync(d => d.RectificationId == id)));
        (status, body, _) = await b.SendAsync(HttpMethod.Post, $"/Education/Rectifications?handler=Close&id={id}", CloseForm(PageBrowser.Token(list), "借款已全部清退"));
        Assert.Equal("没有收到文件，或文件为空。", FieldMessage(body, "Files"));

        var pdf = TestFiles.Pdf("清退凭证 " + id);
        var png = TestFiles.Png();
        (status, body, _) = await b.SendAsync(HttpMethod.Post, $"/Education/Rectifications?handler=Close&id={id}",
            CloseForm(PageBrowser.Token(list), "借款已全部清退", ("清退凭证.pdf", pdf, "application/pdf"), ("谈话记录.png", png, "image/png")));
        Assert.True(status == HttpStatusCode.Redirect, body);
        var docs = await app.ReadDbAsync(db => db.RectificationEvidence.Where(d => d.RectificationId == id).OrderBy(d => d.FileName).ToListAsync());
        Assert.Equal(2, docs.Count);
        var pdfDoc = docs.Single(d => d.MediaType == "application/pdf");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), pdfDoc.Sha256);
        var closed = await b.GetAsync("/Education/Rectifications?unitId=gulang-psb&status=closed");
        Assert.Contains($"handler=Evidence&amp;id={id}&amp;doc={pdfDoc.Id}", closed);
        var download = await b.ResponseAsync($"/Education/Rectifications?handler=Evidence&id={id}&doc={pdfDoc.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        // the intermediate court's unit admin: the police ledger is not found, nor its evidence
        using var court = await SignedInAsync(CourtAdmin);
        var courtLedger = await court.GetAsync("/Education/Rectifications");
        Assert.DoesNotContain(id, courtLedger);
        Assert.DoesNotContain("公安局", courtLedger);
        Assert.Equal(HttpStatusCode.NotFound, (await court.SendAsync(HttpMethod.Get, "/Education/Rectifications?unitId=gulang-psb")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await court.SendAsync(HttpMethod.Get, $"/Education/Rectifications?handler=Evidence&id={id}&doc={pdfDoc.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await court.PostFormAsync($"/Education/Rectifications?handler=Status&id={id}", PageBrowser.Token(courtLedger), [])).Status);
        using var officer = await SignedInAsync(Officer);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.SendAsync(HttpMethod.Get, "/Education/Rectifications")).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.SendAsync(HttpMethod.Get, $"/Education/Rectifications?handler=Evidence&id={id}&doc={pdfDoc.Id}")).Status);
    }

    [Fact]
    public async Task RectificationEvidenceApi_Multipart_StoredByContent_ForeignItem404()
    {
        var plc = await app.StaffAsync(Plc);
        var id = await RectificationAsync(plc, "minqin-psb", "interference", "孙某", "2026-12-31");
        var bad = await app.SendAsync(HttpMethod.Post, $"/api/v1/education/rectifications/{id}/evidence", plc, TestFiles.Multipart(null, "a.pdf", TestFiles.Executable()));
        await bad.ShouldBeProblem(415, "document.type-not-accepted");
        var pdf = TestFiles.Pdf("api evidence " + id);
        var ok = await (await app.SendAsync(HttpMethod.Post, $"/api/v1/education/rectifications/{id}/evidence", plc, TestFiles.Multipart(null, "记录.pdf", pdf)))
            .ShouldBe(HttpStatusCode.OK, "evidence");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), ok[0].Str("sha256"));
        await (await app.SendAsync(HttpMethod.Post, $"/api/v1/education/rectifications/{id}/evidence", await app.StaffAsync(CourtAdmin),
            TestFiles.Multipart(null, "记录.pdf", pdf))).ShouldBeProblem(404);
        // the JSON close keeps working
        var closed = await (await app.PostAsync($"/api/v1/education/rectifications/{id}/close", new { evidence = "已整改" }, plc)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("closed", closed.Str("status"));
    }

    [Fact]
    public async Task Service_CreateLinkedToAFiling_UnknownLinkShown_ReportPerUnitAndMonth()
    {
        var filer = await app.SharedFilerAsync();
        var filingId = await app.CreateDraftAsync(filer.Token);
        using var b = await SignedInAsync(Plc);
        var page = await b.GetAsync("/Education/Service");
        var title = "大靖人民法庭为群众解难题" + Guid.NewGuid().ToString("N")[..4];
        var fields = new Dictionary<string, string>
        {
            ["UnitId"] = "620622",
            ["Title"] = title,
            ["Date"] = "2026-04-12",
            ["Theme"] = "司法为民",
            ["Beneficiaries"] = "35",
            ["Description"] = "巡回审判，就地化解土地承包纠纷",
            ["Outcome"] = "群众赠送锦旗",
            ["FilingId"] = "no-such-filing",
        };
        var (status, body, _) = await b.PostFormAsync("/Education/Service", PageBrowser.Token(page), fields);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("关联的案件不存在。", FieldMessage(body, "FilingId"));
        Assert.False(await app.ReadDbAsync(db => db.ServiceActivities.AnyAsync(a => a.Title == title)));
        fields["FilingId"] = filingId;
        fields["Beneficiaries"] = "many";
        (status, body, _) = await b.PostFormAsync("/Education/Service", PageBrowser.Token(page), fields);
        Assert.Equal("受益人数应为不小于 0 的整数。", FieldMessage(body, "Beneficiaries"));
        fields["Beneficiaries"] = "35";
        (status, body, var location) = await b.PostFormAsync("/Education/Service", PageBrowser.Token(page), fields);
        Assert.True(status == HttpStatusCode.Redirect, body);

        var list = await b.GetAsync("/Education/Service?unitId=620622&from=2026-04-01&to=2026-04-30");
        Assert.Contains(title, list);
        Assert.Contains(filingId, list);
        Assert.Contains("data-row=\"620622/2026-04\"", list);
        var bad = await b.GetAsync("/Education/Service?from=2026-05-01&to=2026-04-01");
        Assert.Equal("统计期间不正确。", FieldMessage(bad, "to"));

        using var court = await SignedInAsync(CourtAdmin);
        Assert.Contains(title, await court.GetAsync("/Education/Service"));
        Assert.Equal(HttpStatusCode.NotFound, (await court.SendAsync(HttpMethod.Get, "/Education/Service?unitId=wuwei-psb")).Status);
        var courtPage = await court.GetAsync("/Education/Service");
        fields["UnitId"] = "dachaigou";
        Assert.Equal(HttpStatusCode.NotFound, (await court.PostFormAsync("/Education/Service", PageBrowser.Token(courtPage), fields)).Status);
        using var officer = await SignedInAsync(Officer);
        Assert.NotEqual(HttpStatusCode.OK, (await officer.SendAsync(HttpMethod.Get, "/Education/Service")).Status);
    }

    [Theory]
    [InlineData("/Education")]
    [InlineData("/Education?handler=Export")]
    [InlineData("/Education/Participation")]
    [InlineData("/Education/Rectifications")]
    [InlineData("/Education/Service")]
    public async Task ManagerPages_OfficerAndFiler_Denied(string path)
    {
        using var officer = await SignedInAsync(Officer);
        var (status, _, location) = await officer.SendAsync(HttpMethod.Get, path);
        Assert.True(status is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"officer {path}: {status}");
        Assert.DoesNotContain("/Education", location ?? "");
        var filer = await app.SharedFilerAsync();
        using var f = await SignedInAsync(filer.Email, filer.Password);
        (status, _, location) = await f.SendAsync(HttpMethod.Get, path);
        Assert.True(status is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"filer {path}: {status}");
        Assert.DoesNotContain("/Education", location ?? "");
    }

    [Theory]
    [InlineData("/Education/Study")]
    [InlineData("/Education/Materials")]
    [InlineData("/Education/Timetable/dachaigou")]
    public async Task MemberPages_Filer_Denied(string path)
    {
        var filer = await app.SharedFilerAsync();
        using var f = await SignedInAsync(filer.Email, filer.Password);
        var (status, _, _) = await f.SendAsync(HttpMethod.Get, path);
        Assert.NotEqual(HttpStatusCode.OK, status);
    }
}
