using Docket.Web.Infrastructure.Problems;
using MiniExcelLibs;

namespace Docket.Web.Features.Organisation;

/// <summary>
/// The rows of an uploaded .xlsx (multipart field <c>file</c>, first row the header), for the roll imports. Not
/// multipart, not a zip or not readable as a workbook → 415; no file → 400; over the limits → 413 / 400.
/// </summary>
public static class Spreadsheets
{
    public const int MaxBytes = 4 * 1024 * 1024;
    public const int MaxRows = 20_000;

    public static async Task<Result<List<IDictionary<string, object?>>>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Error.UnsupportedMediaType("org.import-not-spreadsheet");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return Error.Validation("file", "org.import-file-required");
        if (file.Length > MaxBytes) return Error.TooLarge("org.import-too-large");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        // An .xlsx is a zip: anything else (a CSV, a PDF renamed) is refused before the parser sees it.
        if (bytes is not [0x50, 0x4B, 0x03, 0x04, ..]) return Error.UnsupportedMediaType("org.import-not-spreadsheet");
        List<IDictionary<string, object?>> rows;
        try
        {
            using var stream = new MemoryStream(bytes);
            rows = [.. stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Take(MaxRows + 1).Select(r => (IDictionary<string, object?>)r)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Error.UnsupportedMediaType("org.import-not-spreadsheet");
        }
        if (rows.Count > MaxRows) return Error.Validation("file", "org.import-too-many-rows");
        return rows;
    }

    /// <summary>The trimmed text of the first of <paramref name="columns"/> the row has, or empty.</summary>
    public static string Cell(IDictionary<string, object?> row, params string[] columns)
    {
        foreach (var c in columns)
            if (row.TryGetValue(c, out var v) && v is not null)
                return (Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").Trim();
        return "";
    }
}
