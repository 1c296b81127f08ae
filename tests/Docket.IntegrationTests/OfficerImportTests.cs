using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Docket.IntegrationTests;

/// <summary>A unit's roll imported from Excel: all rows or none, every bad row reported, anything but a spreadsheet refused.</summary>
public sealed class OfficerImportTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    static byte[] Sheet(params (string Name, string? Unit)[] rows)
    {
        using var s = new MemoryStream();
        s.SaveAs(rows.Select(r => new Dictionary<string, object?> { ["姓名"] = r.Name, ["单位代码"] = r.Unit }).ToList());
        return s.ToArray();
    }

    Task<HttpResponseMessage> ImportAsync(string unitId, byte[] bytes, string token, string fileName = "roll.xlsx")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "file", fileName);
        return app.SendAsync(HttpMethod.Post, $"/api/v1/org/units/{unitId}/officers/import", token, content);
    }

    Task<int> CountAsync(string unitId) => app.ReadDbAsync(db => db.Officers.CountAsync(o => o.UnitId == unitId));

    [Fact]
    public async Task Import_GoodSheet_EveryRowOnTheRoll()
    {
        var token = await app.StaffAsync("unit.admin.620600@demo.docket");
        var before = (await CountAsync("620600"), await CountAsync("620623"));
        var r = await (await ImportAsync("620600", Sheet(("赵新民", null), ("钱学文", "620600"), ("孙卓玛", "620623")), token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3, r.GetProperty("imported").GetInt32());
        Assert.Equal((before.Item1 + 2, before.Item2 + 1), (await CountAsync("620600"), await CountAsync("620623")));
    }

    [Fact]
    public async Task Import_BadRows_NothingImportedEveryBadRowReported()
    {
        var token = await app.StaffAsync("unit.admin.620600@demo.docket");
        var before = await app.ReadDbAsync(db => db.Officers.CountAsync());
        var sheet = Sheet(("赵新民", null), ("", "620600"), ("钱学文", "wuwei-psb"), ("孙", "nowhere"));
        var p = await (await ImportAsync("620600", sheet, token)).ShouldBeProblem(400, "org.import-invalid");
        var rows = p.GetProperty("rows").EnumerateArray().Select(x => (x.GetProperty("row").GetInt32(), x.Str("field"))).ToList();
        Assert.Equal([(3, "name"), (4, "unitId"), (5, "unitId")], rows);
        Assert.Equal(before, await app.ReadDbAsync(db => db.Officers.CountAsync()));
    }

    [Fact]
    public async Task Import_NotASpreadsheetOrNotYours_Refused()
    {
        var token = await app.StaffAsync("unit.admin.620600@demo.docket");
        var before = await app.ReadDbAsync(db => db.Officers.CountAsync());
        await (await ImportAsync("620600", "姓名,单位代码\n赵新民,620600\n"u8.ToArray(), token, "roll.csv")).ShouldBeProblem(415);
        await (await ImportAsync("620600", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3], token)).ShouldBeProblem(415);
        await (await app.SendAsync(HttpMethod.Post, "/api/v1/org/units/620600/officers/import", token, DocketAppFactory.RawJson("{}"))).ShouldBeProblem(415);
        await (await ImportAsync("wuwei-psb", Sheet(("赵新民", null)), token)).ShouldBeProblem(404);
        await (await ImportAsync("dachaigou", Sheet(("赵新民", null)), await app.StaffAsync("officer.dachaigou@demo.docket"))).ShouldBeProblem(403);
        Assert.Equal(before, await app.ReadDbAsync(db => db.Officers.CountAsync()));
    }
}
