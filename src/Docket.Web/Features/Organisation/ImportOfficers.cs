using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Features.Organisation;

public sealed record OfficerImportRowError(int Row, string Field, string Code, string Message);

public sealed record OfficerImportDto(string UnitId, int Imported, Dictionary<string, int> ByUnit);

/// <summary>
/// A unit's roll from an .xlsx sheet (columns 姓名 or name; optional 单位代码 or unitId, default the unit itself, which
/// may name any unit below it). All or nothing: any bad row → 400 with every bad row (code
/// <c>org.import-invalid</c>, extension <c>rows</c>) and nothing imported; a file that is not a spreadsheet → 415.
/// </summary>
public sealed class ImportOfficers(DocketDbContext db, IStringLocalizer<Messages> l)
{
    static readonly string[] NameColumns = ["姓名", "name"];
    static readonly string[] UnitColumns = ["单位代码", "unitId"];

    public async Task<Result<OfficerImportDto>> HandleAsync(OrgCaller caller, string unitId, HttpRequest request, CancellationToken ct)
    {
        if (!caller.Sees(unitId)) return Error.NotFound();
        var read = await Spreadsheets.ReadAsync(request, ct);
        if (!read.IsOk) return read.Error!;
        var rows = read.Value;

        var allowed = caller.Subtree(unitId);
        var errors = new List<OfficerImportRowError>();
        var officers = new List<Officer>();
        void Bad(int row, string field, string code) => errors.Add(new OfficerImportRowError(row, field, code, l.Text(code)));
        for (var i = 0; i < rows.Count; i++)
        {
            var row = i + 2; // the header is row 1
            var name = Spreadsheets.Cell(rows[i], NameColumns);
            var unit = Spreadsheets.Cell(rows[i], UnitColumns);
            if (name.Length == 0 && unit.Length == 0) continue;
            if (name.Length == 0) Bad(row, "name", "org.import-name-required");
            else if (name.Length > 50) Bad(row, "name", "org.import-name-too-long");
            var target = unit.Length == 0 ? unitId : unit;
            if (!allowed.Contains(target)) Bad(row, "unitId", "org.import-unit-unknown");
            officers.Add(new Officer { Id = Guid.CreateVersion7().ToString("N"), Name = name, UnitId = target });
        }
        if (errors.Count > 0)
            return new Error(400, "org.import-invalid", new Dictionary<string, string[]> { ["file"] = ["org.import-invalid"] })
            {
                Extensions = new Dictionary<string, object?> { ["rows"] = errors },
            };
        if (officers.Count == 0) return Error.Validation("file", "org.import-empty");

        db.Officers.AddRange(officers);
        await db.SaveChangesAsync(ct);
        return new OfficerImportDto(unitId, officers.Count, officers.CountBy(o => o.UnitId).ToDictionary(x => x.Key, x => x.Value));
    }
}
