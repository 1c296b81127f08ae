using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Docket.IntegrationTests;

/// <summary>Large uploads in chunks that resume after a dropped connection (Upload-Offset), checked like any upload.</summary>
[Collection(SqliteUploadsCollection.Name)]
public sealed class ResumableUploadTests(SqliteAppFactory app)
{
    Task<HttpResponseMessage> StartAsync(string id, string token, string? kind, long bytes, string name = "起诉状.pdf") =>
        app.PostAsync($"/api/v1/filings/{id}/uploads", new { kind, fileName = name, bytes }, token);

    Task<HttpResponseMessage> ChunkAsync(string id, string upload, string token, long? offset, byte[] bytes) =>
        app.SendAsync(new HttpMethod("PATCH"), $"/api/v1/filings/{id}/uploads/{upload}", token, Body(bytes), r =>
        {
            if (offset is { } o) r.Headers.Add("Upload-Offset", o.ToString());
        });

    static ByteArrayContent Body(byte[] bytes)
    {
        var c = new ByteArrayContent(bytes);
        c.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return c;
    }

    static byte[] BigPdf(int size)
    {
        var b = new byte[size];
        Random.Shared.NextBytes(b);
        "%PDF-1.4\n"u8.CopyTo(b);
        return b;
    }

    [Fact]
    public async Task Upload_InTwoChunksWithADropInBetween_ResumesAndEndsAsADocumentWithTheRightHash()
    {
        var filer = await app.SharedFilerAsync();
        var id = await app.CreateDraftAsync(filer.Token);
        var file = BigPdf(6 * 1024 * 1024 + 123); // over the 4 MiB JSON body limit: only chunks get through
        var start = await (await StartAsync(id, filer.Token, "complaint", file.Length)).ShouldBe(HttpStatusCode.Created, "start");
        var upload = start.Str("uploadId");
        Assert.Equal(0, start.GetProperty("offset").GetInt64());

        var half = 3 * 1024 * 1024;
        var first = await ChunkAsync(id, upload, filer.Token, 0, file[..half]);
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(half.ToString(), first.Headers.GetValues("Upload-Offset").Single());

        // The phone lost its signal and retries from a stale offset: told where the server is.
        var stale = await (await ChunkAsync(id, upload, filer.Token, 0, file[..half])).ShouldBeProblem(409, "upload.offset-mismatch");
        Assert.Equal(half, stale.GetProperty("offset").GetInt64());
        var status = await (await app.GetAsync($"/api/v1/filings/{id}/uploads/{upload}", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(half, status.GetProperty("offset").GetInt64());

        var doc = await (await ChunkAsync(id, upload, filer.Token, half, file[half..])).ShouldBe(HttpStatusCode.Created, "last chunk");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), doc.Str("sha256"));
        Assert.Equal(("complaint", "application/pdf", file.Length), (doc.Str("kind"), doc.Str("mediaType"), doc.GetProperty("bytes").GetInt32()));
        var stored = await (await app.GetAsync($"/api/v1/filings/{id}/documents/{doc.Str("id")}/content", filer.Token)).Content.ReadAsByteArrayAsync();
        Assert.Equal(file, stored);
        await (await ChunkAsync(id, upload, filer.Token, file.Length, [1])).ShouldBeProblem(409, "upload.already-complete");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DocumentsPath, "tmp")));
    }

    [Fact]
    public async Task Upload_NotAKnownTypeByContent_UnsupportedAndSessionGone()
    {
        var filer = await app.SharedFilerAsync();
        var id = await app.CreateDraftAsync(filer.Token);
        var upload = (await (await StartAsync(id, filer.Token, "evidence", 5000, "evil.pdf")).ShouldBe(HttpStatusCode.Created)).Str("uploadId");
        await (await ChunkAsync(id, upload, filer.Token, 0, TestFiles.Executable()[..2000])).ShouldBeProblem(415, "document.type-not-accepted");
        await (await app.GetAsync($"/api/v1/filings/{id}/uploads/{upload}", filer.Token)).ShouldBeProblem(404);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DocumentsPath, "tmp")));
    }

    [Fact]
    public async Task Upload_BadStartsAndChunks_ClearErrors()
    {
        var filer = await app.SharedFilerAsync();
        var id = await app.CreateDraftAsync(filer.Token);
        await (await StartAsync(id, filer.Token, "complaint", 50L * 1024 * 1024 + 1)).ShouldBeProblem(413, "document.too-large");
        await (await StartAsync(id, filer.Token, "no-such-kind", 10)).ShouldBeFieldError("kind");
        await (await StartAsync(id, filer.Token, "complaint", 0)).ShouldBeFieldError("bytes");
        var upload = (await (await StartAsync(id, filer.Token, "complaint", 100)).ShouldBe(HttpStatusCode.Created)).Str("uploadId");
        await (await ChunkAsync(id, upload, filer.Token, null, BigPdf(50))).ShouldBeFieldError("Upload-Offset");
        await (await ChunkAsync(id, upload, filer.Token, 0, BigPdf(101))).ShouldBeProblem(413, "upload.chunk-too-large");
        var other = await app.NewFilerAsync();
        await (await app.GetAsync($"/api/v1/filings/{id}/uploads/{upload}", other.Token)).ShouldBeProblem(404);
        await (await ChunkAsync(id, upload, other.Token, 0, BigPdf(50))).ShouldBeProblem(404);
        await (await app.DeleteAsync($"/api/v1/filings/{id}/uploads/{upload}", filer.Token)).ShouldBe(HttpStatusCode.NoContent);
        await (await app.GetAsync($"/api/v1/filings/{id}/uploads/{upload}", filer.Token)).ShouldBeProblem(404);
    }

    [Fact]
    public async Task Upload_FilingSubmittedBeforeTheLastChunk_ConflictAndNothingAttached()
    {
        var filer = await app.SharedFilerAsync();
        var id = await app.CompleteFilingAsync(filer.Token);
        var file = BigPdf(4000);
        var upload = (await (await StartAsync(id, filer.Token, "evidence", file.Length)).ShouldBe(HttpStatusCode.Created)).Str("uploadId");
        await (await ChunkAsync(id, upload, filer.Token, 0, file[..2000])).ShouldBe(HttpStatusCode.NoContent);
        await app.SubmitAsync(id, filer.Token);
        await (await ChunkAsync(id, upload, filer.Token, 2000, file[2000..])).ShouldBeProblem(409);
        Assert.Equal(2, (await app.FilingAsync(id, filer.Token)).GetProperty("documents").GetArrayLength());
        await (await app.GetAsync($"/api/v1/filings/{id}/uploads/{upload}", filer.Token)).ShouldBeProblem(404);
    }
}
