using System.Text;

namespace Docket.Web.Features.Filings;

/// <summary>
/// Looks through an upload as it streams (no second read) for what a court file must not be, whatever its first
/// bytes say: an encrypted PDF (a clerk cannot open it, and its receipt hash would vouch for unreadable content),
/// a PDF with active content (JavaScript, launch actions, embedded files, rich media), and a polyglot — a ZIP
/// archive's end record inside a PDF or image, i.e. a file that is also something else. Pure and chunk-boundary
/// safe, so it is unit-tested on its own.
/// </summary>
public sealed class ContentScan
{
    static readonly byte[][] Encrypt = [Bytes("/Encrypt")];
    static readonly byte[][] Active =
    [
        Bytes("/JavaScript"), Bytes("/JS "), Bytes("/JS("), Bytes("/JS<"), Bytes("/JS/"), Bytes("/JS\n"), Bytes("/JS\r"),
        Bytes("/Launch"), Bytes("/EmbeddedFile"), Bytes("/RichMedia"),
    ];
    static readonly byte[][] Zip = [[(byte)'P', (byte)'K', 5, 6]];
    static readonly int Longest = Active.Concat(Encrypt).Concat(Zip).Max(t => t.Length);

    readonly byte[] carry = new byte[Longest - 1];
    int carried;

    public bool Encrypted { get; private set; }
    public bool ActiveContent { get; private set; }
    public bool Polyglot { get; private set; }

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        if (chunk.IsEmpty) return;
        // The end of the previous chunks and the start of this one, so a token split across them is still seen.
        var head = chunk[..Math.Min(chunk.Length, Longest - 1)];
        Span<byte> seam = stackalloc byte[carried + head.Length];
        carry.AsSpan(0, carried).CopyTo(seam);
        head.CopyTo(seam[carried..]);
        Look(seam);
        Look(chunk);
        // Keep the last Longest-1 bytes seen (a short chunk is all in the seam, after what was carried).
        var tail = chunk.Length >= Longest - 1 ? chunk[^(Longest - 1)..] : seam[Math.Max(0, seam.Length - (Longest - 1))..];
        tail.CopyTo(carry);
        carried = tail.Length;
    }

    /// <summary>The refusal for a file of <paramref name="mediaType"/>, or null when it is fine.</summary>
    public string? Refusal(string mediaType) => mediaType switch
    {
        _ when Polyglot => "document.polyglot",
        "application/pdf" when Encrypted => "document.pdf-encrypted",
        "application/pdf" when ActiveContent => "document.pdf-active-content",
        _ => null,
    };

    void Look(ReadOnlySpan<byte> s)
    {
        if (!Encrypted && Contains(s, Encrypt)) Encrypted = true;
        if (!ActiveContent && Contains(s, Active)) ActiveContent = true;
        if (!Polyglot && Contains(s, Zip)) Polyglot = true;
    }

    static bool Contains(ReadOnlySpan<byte> s, byte[][] tokens)
    {
        foreach (var t in tokens)
            if (s.IndexOf(t) >= 0) return true;
        return false;
    }

    static byte[] Bytes(string s) => Encoding.ASCII.GetBytes(s);
}
