using System.Net;
using System.Net.Http.Headers;
using UglyToad.PdfPig;

namespace Docket.IntegrationTests;

/// <summary>Several phone photos of one paper become one PDF document, pages in the order sent, turned upright.</summary>
[Collection(SqliteUploadsCollection.Name)]
public sealed class PhotoUploadTests(SqliteAppFactory app)
{
    /// <summary>A tiny JPEG that PDFsharp's importer reads (it refuses the hand-made one in TestFiles; see the note on issue 5).</summary>
    static byte[] PhoneJpeg() => Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=");

    static byte[] JpegTurned(int orientation)
    {
        var jpeg = PhoneJpeg();
        byte[] tiff = [(byte)'M', (byte)'M', 0, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0];
        var app1 = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = app1.Length + 2;
        return [0xFF, 0xD8, 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. app1, .. jpeg[2..]];
    }

    Task<HttpResponseMessage> PostPhotosAsync(string id, string token, string? kind, params (string Name, byte[] Bytes, string Type)[] files)
    {
        var form = new MultipartFormDataContent("----photos-" + Guid.NewGuid().ToString("N"));
        if (kind is not null) form.Add(new StringContent(kind), "kind");
        foreach (var (name, bytes, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "file", name);
        }
        return app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents/photos", token, form);
    }

    int StoredFiles() => Directory.Exists(app.DocumentsPath)
        ? Directory.EnumerateFiles(app.DocumentsPath, "*", SearchOption.AllDirectories).Count(f => !f.Contains($"{Path.DirectorySeparatorChar}tmp{Path.DirectorySeparatorChar}"))
        : 0;

    [Fact]
    public async Task Photos_ThreePagesOneTurned_OnePdfDocumentWithThreePagesThatCountsForTheCheck()
    {
        var filer = await app.SharedFilerAsync();
        var id = await app.CreateDraftAsync(filer.Token);
        var r = await PostPhotosAsync(id, filer.Token, "complaint",
            ("起诉状第1页.jpg", PhoneJpeg(), "image/jpeg"), ("p2.png", TestFiles.Png(40, 60), "image/png"), ("p3.jpg", JpegTurned(6), "image/jpeg"));
        var doc = await r.ShouldBe(HttpStatusCode.Created, "photos");
        Assert.Equal(("complaint", "application/pdf", "起诉状第1页.pdf"), (doc.Str("kind"), doc.Str("mediaType"), doc.Str("fileName")));

        var bytes = await (await app.GetAsync($"/api/v1/filings/{id}/documents/{doc.Str("id")}/content", filer.Token)).Content.ReadAsByteArrayAsync();
        Assert.Equal(doc.Str("sha256"), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal(3, pdf.NumberOfPages);

        var check = await (await app.GetAsync($"/api/v1/filings/{id}/check", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(check.GetProperty("items").EnumerateArray(), i => i.Str("code") == "check.complaint-missing");
    }

    [Fact]
    public async Task Photos_OneIsNotAnImage_UnsupportedAndNothingKept()
    {
        var filer = await app.SharedFilerAsync();
        var id = await app.CreateDraftAsync(filer.Token);
        var before = StoredFiles();
        await (await PostPhotosAsync(id, filer.Token, "complaint", ("a.jpg", PhoneJpeg(), "image/jpeg"), ("b.jpg", TestFiles.Pdf(), "image/jpeg")))
            .ShouldBeProblem(415, "document.photo-type-not-accepted");
        await (await PostPhotosAsync(id, filer.Token, "complaint", ("x.jpg", TestFiles.Executable(), "image/jpeg")))
            .ShouldBeProblem(415);
        Assert.Equal(before, StoredFiles());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DocumentsPath, "tmp")));
        Assert.Equal(0, (await app.FilingAsync(id, filer.Token)).GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public async Task Photos_NoFileOrNoKind_FieldError()
    {
        var filer = await app.SharedFilerAsync();
        var id = await app.CreateDraftAsync(filer.Token);
        await (await PostPhotosAsync(id, filer.Token, "complaint")).ShouldBeFieldError("file");
        await (await PostPhotosAsync(id, filer.Token, null, ("a.jpg", TestFiles.Jpeg(), "image/jpeg"))).ShouldBeFieldError("kind");
    }

    [Fact]
    public async Task Photos_SubmittedOrForeignFiling_ConflictOrNotFound()
    {
        var filer = await app.SharedFilerAsync();
        var (id, _) = await app.SubmittedFilingAsync(filer.Token);
        await (await PostPhotosAsync(id, filer.Token, "evidence", ("a.jpg", TestFiles.Jpeg(), "image/jpeg"))).ShouldBeProblem(409);
        var other = await app.NewFilerAsync();
        await (await PostPhotosAsync(id, other.Token, "evidence", ("a.jpg", TestFiles.Jpeg(), "image/jpeg"))).ShouldBeProblem(404);
    }
}
