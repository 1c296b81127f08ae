using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Docket.IntegrationTests;

/// <summary>
/// No half-written data: a refused upload leaves no file behind (not even in the store's <c>tmp</c> folder) and no
/// row; a deleted draft document takes its file with it unless another document has the same content.
/// </summary>
[Collection(SqliteUploadsCollection.Name)]
public sealed class DocumentStorageTests(SqliteAppFactory app)
{
    string TmpPath => Path.Combine(app.DocumentsPath, "tmp");

    /// <summary>The stored document files (content-addressed), not counting the store's temp folder.</summary>
    List<string> StoredFiles() => !Directory.Exists(app.DocumentsPath) ? [] :
        [.. Directory.EnumerateFiles(app.DocumentsPath, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(TmpPath + Path.DirectorySeparatorChar, StringComparison.Ordinal)).Order()];

    string[] TmpFiles() => Directory.Exists(TmpPath) ? Directory.GetFileSystemEntries(TmpPath, "*", SearchOption.AllDirectories) : [];

    string PathOf(string sha256) => Path.Combine(app.DocumentsPath, sha256[..2], sha256);

    async Task<List<string>> DocumentIdsAsync(string id, string tok) =>
        [.. (await (await app.GetAsync($"/api/v1/filings/{id}", tok)).ShouldBe(HttpStatusCode.OK)).GetProperty("documents").EnumerateArray().Select(d => d.Str("id"))];

    /// <summary>Runs a refused upload and checks that neither the store nor the filing changed.</summary>
    async Task AssertLeavesNothingAsync(string id, string tok, Func<Task<HttpResponseMessage>> upload, int status)
    {
        var filesBefore = StoredFiles();
        var docsBefore = await DocumentIdsAsync(id, tok);
        await (await upload()).ShouldBeProblem(status);
        Assert.Equal(filesBefore, StoredFiles());
        Assert.Empty(TmpFiles());
        Assert.Equal(docsBefore, await DocumentIdsAsync(id, tok));
    }

    [Fact]
    public async Task Upload_RefusedAsTooLarge_LeavesNoFileAndNoRow()
    {
        var tok = (await app.SharedFilerAsync()).Token;
        var id = await app.CompleteFilingAsync(tok);
        long original = 0;
        await app.WithDbAsync(async db =>
        {
            var court = (await db.Courts.FindAsync("620622"))!;
            original = court.Policy.MaxDocumentBytes;
            court.Policy.MaxDocumentBytes = 1024 * 1024;
        });
        try
        {
            // Declared too large: refused before the body is read.
            await AssertLeavesNothingAsync(id, tok, () => app.UploadAsync(id, tok, "evidence", "big.pdf", TestFiles.LargePdf(1536 * 1024),
                configure: m => m.Headers.ExpectContinue = true), 413);

            // No declared length (chunked): refused while streaming, after part of it was written to a temp file.
            await AssertLeavesNothingAsync(id, tok, () =>
            {
                var form = new MultipartFormDataContent("----chunked-" + Guid.NewGuid().ToString("N"));
                form.Add(new StringContent("evidence"), "kind");
                var file = new StreamContent(new UnseekableStream(TestFiles.LargePdf(1024 * 1024 + 16 * 1024)));
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                form.Add(file, "file", "chunked.pdf");
                return app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents", tok, form);
            }, 413);
        }
        finally
        {
            await app.WithDbAsync(async db => (await db.Courts.FindAsync("620622"))!.Policy.MaxDocumentBytes = original);
        }
    }

    [Fact]
    public async Task Upload_OverCourtMaxFilingBytes_PayloadTooLargeAndLeavesNoFile()
    {
        var tok = (await app.SharedFilerAsync()).Token;
        var id = await app.CreateDraftAsync(tok);
        long original = 0;
        await app.WithDbAsync(async db =>
        {
            var court = (await db.Courts.FindAsync("620622"))!;
            original = court.Policy.MaxFilingBytes;
            court.Policy.MaxFilingBytes = 1024 * 1024;
        });
        try
        {
            await (await app.UploadAsync(id, tok, "complaint", "first.pdf", TestFiles.LargePdf(600 * 1024))).ShouldBe(HttpStatusCode.Created);
            var filesBefore = StoredFiles();
            var docsBefore = await DocumentIdsAsync(id, tok);
            var problem = await (await app.UploadAsync(id, tok, "evidence", "second.pdf", TestFiles.LargePdf(600 * 1024))).ShouldBeProblem(413, "document.filing-too-large");
            Assert.Equal(1024 * 1024, problem.GetProperty("maxBytes").GetInt64());
            Assert.Equal(filesBefore, StoredFiles());
            Assert.Empty(TmpFiles());
            Assert.Equal(docsBefore, await DocumentIdsAsync(id, tok));
        }
        finally
        {
            await app.WithDbAsync(async db => (await db.Courts.FindAsync("620622"))!.Policy.MaxFilingBytes = original);
        }
    }

    [Fact]
    public async Task Upload_RefusedAsUnsupportedType_LeavesNoFileAndNoRow()
    {
        var tok = (await app.SharedFilerAsync()).Token;
        var id = await app.CompleteFilingAsync(tok);
        await AssertLeavesNothingAsync(id, tok, () => app.UploadAsync(id, tok, "evidence", "evil.pdf", TestFiles.Executable()), 415);
        await AssertLeavesNothingAsync(id, tok, () => app.UploadAsync(id, tok, "evidence", "notes.txt", TestFiles.Text(), "text/plain"), 415);
        // A large executable: refused from its head, the rest never stored.
        var bigExe = new byte[600 * 1024];
        TestFiles.Executable().CopyTo(bigExe, 0);
        await AssertLeavesNothingAsync(id, tok, () => app.UploadAsync(id, tok, "evidence", "setup.pdf", bigExe), 415);
    }

    [Fact]
    public async Task Upload_RefusedForMissingKind_LeavesNoFileAndNoRow()
    {
        var tok = (await app.SharedFilerAsync()).Token;
        var id = await app.CompleteFilingAsync(tok);
        await AssertLeavesNothingAsync(id, tok, () => app.UploadAsync(id, tok, null, "a.pdf", TestFiles.Pdf()), 400);
        await AssertLeavesNothingAsync(id, tok, () => app.UploadAsync(id, tok, "no-such-kind", "a.pdf", TestFiles.Pdf()), 400);
    }

    [Fact]
    public async Task Upload_Accepted_StoredUnderItsSha256()
    {
        var tok = (await app.SharedFilerAsync()).Token;
        var id = await app.CreateDraftAsync(tok);
        var bytes = TestFiles.Pdf("stored");
        var doc = await (await app.UploadAsync(id, tok, "complaint", "c.pdf", bytes)).ShouldBe(HttpStatusCode.Created);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(sha, doc.Str("sha256"));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(PathOf(sha)));
        Assert.Empty(TmpFiles());
    }

    [Fact]
    public async Task DeleteDocument_InDraft_RemovesRowAndFile()
    {
        var tok = (await app.SharedFilerAsync()).Token;
        var id = await app.CreateDraftAsync(tok);
        var bytes = TestFiles.Pdf("to-delete");
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var filesBefore = StoredFiles();
        var docId = (await (await app.UploadAsync(id, tok, "evidence", "d.pdf", bytes)).ShouldBe(HttpStatusCode.Created)).Str("id");
        Assert.True(File.Exists(PathOf(sha)));

        var r = await app.DeleteAsync($"/api/v1/filings/{id}/documents/{docId}", tok);
        Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
        Assert.False(File.Exists(PathOf(sha)), "the deleted document's file is still stored");
        Assert.Equal(filesBefore, StoredFiles());
        Assert.Empty(await DocumentIdsAsync(id, tok));
        await (await app.GetAsync($"/api/v1/filings/{id}/documents/{docId}/content", tok)).ShouldBeProblem(404);
        await (await app.DeleteAsync($"/api/v1/filings/{id}/documents/{docId}", tok)).ShouldBeProblem(404);
    }

    [Fact]
    public async Task DeleteDocument_ContentSharedWithAnotherDocument_KeepsFileUntilLastIsDeleted()
    {
        var tok = (await app.SharedFilerAsync()).Token;
        var a = await app.CreateDraftAsync(tok);
        var b = await app.CreateDraftAsync(tok);
        var bytes = TestFiles.Pdf("shared");
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var filesBefore = StoredFiles();
        var docA = (await (await app.UploadAsync(a, tok, "evidence", "a.pdf", bytes)).ShouldBe(HttpStatusCode.Created)).Str("id");
        var docB = (await (await app.UploadAsync(b, tok, "evidence", "b.pdf", bytes)).ShouldBe(HttpStatusCode.Created)).Str("id");
        Assert.Equal(filesBefore.Count + 1, StoredFiles().Count); // one file for one content

        Assert.Equal(HttpStatusCode.NoContent, (await app.DeleteAsync($"/api/v1/filings/{a}/documents/{docA}", tok)).StatusCode);
        Assert.True(File.Exists(PathOf(sha)), "a file another document still names was deleted");
        var content = await app.GetAsync($"/api/v1/filings/{b}/documents/{docB}/content", tok);
        await content.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(bytes, await content.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await app.DeleteAsync($"/api/v1/filings/{b}/documents/{docB}", tok)).StatusCode);
        Assert.False(File.Exists(PathOf(sha)));
        Assert.Equal(filesBefore, StoredFiles());
    }

    [Fact]
    public async Task DeleteDocument_SubmittedFilingSharesContent_FileKeptForTheReceipt()
    {
        var tok = (await app.SharedFilerAsync()).Token;
        var submitted = await app.CompleteFilingAsync(tok);
        var receipt = await app.SubmitAsync(submitted, tok);
        var complaint = receipt.GetProperty("documents")[0];
        var sha = complaint.Str("sha256");
        var bytes = await (await app.GetAsync($"/api/v1/filings/{submitted}/documents/{complaint.Str("id")}/content", tok)).Content.ReadAsByteArrayAsync();

        var draft = await app.CreateDraftAsync(tok);
        var copy = (await (await app.UploadAsync(draft, tok, "complaint", "copy.pdf", bytes)).ShouldBe(HttpStatusCode.Created)).Str("id");
        Assert.Equal(HttpStatusCode.NoContent, (await app.DeleteAsync($"/api/v1/filings/{draft}/documents/{copy}", tok)).StatusCode);
        Assert.True(File.Exists(PathOf(sha)), "a document named by a receipt lost its file");
        var again = await app.GetAsync($"/api/v1/filings/{submitted}/documents/{complaint.Str("id")}/content", tok);
        await again.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A stream of unknown length, so that HttpClient sends the body chunked (no Content-Length).</summary>
    sealed class UnseekableStream(byte[] data) : Stream
    {
        readonly MemoryStream inner = new(data);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 16 * 1024));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
