using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Docket.Web.Infrastructure.Storage;

/// <summary>Where document bytes live, addressed by their SHA-256 (see docs/adr/0002-document-storage.md).</summary>
public interface IDocumentStore
{
    /// <summary>Starts a new upload: a temp file in the store's own folder, hashed and counted as it is written.</summary>
    PendingDocument BeginWrite();
    Stream OpenRead(string sha256);
    bool Exists(string sha256);
    void Delete(string sha256);

    /// <summary>Resumable uploads: appends a chunk at <paramref name="offset"/> (which must be the current length), flushed to disk.</summary>
    Task<long> AppendPartialAsync(string uploadId, long offset, Stream chunk, long maxLength, CancellationToken ct);
    long PartialLength(string uploadId);
    byte[] PartialHead(string uploadId, int count);
    /// <summary>The bytes received so far, to read through once more before committing.</summary>
    Stream OpenPartial(string uploadId);
    /// <summary>Hashes the finished partial file and moves it to its content address; returns the SHA-256.</summary>
    Task<string> CommitPartialAsync(string uploadId, CancellationToken ct);
    void DiscardPartial(string uploadId);
}

/// <summary>A chunk would pass the declared size (or the court's limit).</summary>
public sealed class PartialTooLargeException() : IOException("The chunk passes the upload's declared size.");

public sealed class PendingDocument : IAsyncDisposable
{
    readonly FileStream file;
    readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    readonly Func<string, string, Task> commit;
    readonly byte[] head = new byte[16];
    bool committed;

    internal PendingDocument(string tempPath, Func<string, string, Task> commit)
    {
        TempPath = tempPath;
        this.commit = commit;
        file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 81920, FileOptions.Asynchronous);
    }

    public string TempPath { get; }
    public long Length { get; private set; }
    /// <summary>The first bytes, for sniffing the type by content.</summary>
    public ReadOnlySpan<byte> Head => head.AsSpan(0, (int)Math.Min(Length, head.Length));

    public async Task WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken ct)
    {
        if (Length < head.Length)
        {
            var n = (int)Math.Min(head.Length - Length, chunk.Length);
            chunk.Span[..n].CopyTo(head.AsSpan((int)Length));
        }
        hash.AppendData(chunk.Span);
        await file.WriteAsync(chunk, ct);
        Length += chunk.Length;
    }

    /// <summary>The bytes written so far, read once more (a virus scan) before the commit.</summary>
    public async Task<Stream> ReadBackAsync(CancellationToken ct)
    {
        await file.FlushAsync(ct);
        return new FileStream(TempPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    /// <summary>Ends writing so the temp file can be read by path; it stays uncommitted and goes on dispose.</summary>
    public ValueTask CloseAsync() => file.DisposeAsync();

    /// <summary>Flushes the file to disk and moves it to its content address; returns the SHA-256 (lower-case hex).</summary>
    public async Task<string> CommitAsync()
    {
        await file.FlushAsync();
        file.Flush(flushToDisk: true);
        await file.DisposeAsync();
        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        await commit(TempPath, sha);
        committed = true;
        return sha;
    }

    public async ValueTask DisposeAsync()
    {
        await file.DisposeAsync();
        hash.Dispose();
        if (!committed) File.Delete(TempPath);
    }
}

/// <summary>
/// Documents as files under <c>{DataPath}/documents/ab/abcdef…</c>, outside the web root. A write goes to a temp
/// file in the same folder tree, is fsynced, renamed to its content address, and the folder is fsynced, so a
/// receipt never names a file that a power loss could take away.
/// </summary>
public sealed class FileSystemDocumentStore : IDocumentStore
{
    readonly string root;
    readonly string temp;

    public FileSystemDocumentStore(string root)
    {
        this.root = root;
        temp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(temp);
        SweepAbandonedTemp();
    }

    /// <summary>
    /// Removes the temp files of one-piece uploads that a crash cut short: written before this process started and
    /// held open by no writer (a <see cref="PendingDocument"/> keeps its file locked, <c>FileShare.None</c>), so a
    /// node starting beside others leaves their uploads alone (at worst photos being combined into a PDF on another
    /// node, closed meanwhile, go, and that one upload is refused and sent again). Only <c>*.part</c>: a resumable
    /// partial is kept for its client. Nothing a row names is ever in this folder.
    /// </summary>
    void SweepAbandonedTemp()
    {
        using var self = Process.GetCurrentProcess();
        var started = self.StartTime.ToUniversalTime();
        foreach (var path in Directory.EnumerateFiles(temp, "*.part"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(path) >= started) continue;
                using var _ = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) { /* in use by a live writer, or already gone */ }
            catch (UnauthorizedAccessException) { }
        }
    }

    public string Root => root;

    public PendingDocument BeginWrite() =>
        new(Path.Combine(temp, Guid.NewGuid().ToString("N") + ".part"), CommitAsync);

    Task CommitAsync(string tempPath, string sha)
    {
        var final = PathOf(sha);
        var dir = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(dir);
        if (File.Exists(final)) File.Delete(tempPath); // same content already stored
        else
        {
            File.Move(tempPath, final);
            Fsync.Directory(dir);
        }
        return Task.CompletedTask;
    }

    string PartialPath(string uploadId)
    {
        if (uploadId.Length != 32 || !uploadId.All(Uri.IsHexDigit)) throw new ArgumentException("Not an upload id.", nameof(uploadId));
        return Path.Combine(temp, uploadId + ".upload");
    }

    public async Task<long> AppendPartialAsync(string uploadId, long offset, Stream chunk, long maxLength, CancellationToken ct)
    {
        await using var f = new FileStream(PartialPath(uploadId), FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        if (f.Length != offset) return -1;
        f.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[81920];
        int read;
        var length = offset;
        while ((read = await chunk.ReadAsync(buffer, ct)) > 0)
        {
            if (length + read > maxLength)
            {
                f.SetLength(offset); // the chunk is refused whole; what was there stays
                throw new PartialTooLargeException();
            }
            await f.WriteAsync(buffer.AsMemory(0, read), ct);
            length += read;
        }
        await f.FlushAsync(ct);
        f.Flush(flushToDisk: true); // acknowledged bytes survive a crash: the client resumes from here
        return length;
    }

    public long PartialLength(string uploadId)
    {
        var info = new FileInfo(PartialPath(uploadId));
        return info.Exists ? info.Length : 0;
    }

    public byte[] PartialHead(string uploadId, int count)
    {
        var path = PartialPath(uploadId);
        if (!File.Exists(path)) return [];
        using var f = File.OpenRead(path);
        var head = new byte[Math.Min(count, f.Length)];
        f.ReadExactly(head);
        return head;
    }

    public Stream OpenPartial(string uploadId) =>
        new FileStream(PartialPath(uploadId), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public async Task<string> CommitPartialAsync(string uploadId, CancellationToken ct)
    {
        var path = PartialPath(uploadId);
        string sha;
        await using (var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan))
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(f, ct));
        await CommitAsync(path, sha);
        return sha;
    }

    public void DiscardPartial(string uploadId)
    {
        var path = PartialPath(uploadId);
        if (File.Exists(path)) File.Delete(path);
    }

    public Stream OpenRead(string sha256) =>
        new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public bool Exists(string sha256) => File.Exists(PathOf(sha256));

    public void Delete(string sha256)
    {
        var p = PathOf(sha256);
        if (File.Exists(p)) File.Delete(p);
    }

    string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit)) throw new ArgumentException("Not a SHA-256.", nameof(sha256));
        return Path.Combine(root, sha256[..2], sha256);
    }
}

/// <summary>fsync on a directory, so a rename survives a power loss (Linux; a no-op elsewhere).</summary>
static partial class Fsync
{
    public static void Directory(string path)
    {
        if (!OperatingSystem.IsLinux()) return;
        var fd = open(path, 0 /* O_RDONLY */);
        if (fd < 0) return;
        try { fsync(fd); }
        finally { close(fd); }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);
}

/// <summary>The type of a document by its first bytes, never by its name or declared header.</summary>
public static class MediaSniffer
{
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return "image/jpeg";
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        return null;
    }
}
