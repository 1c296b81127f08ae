using System.Text;
using Docket.Web.Features.Filings;

namespace Docket.UnitTests;

public sealed class ContentScanTests
{
    static ContentScan Scan(byte[] bytes, int chunk)
    {
        var s = new ContentScan();
        for (var i = 0; i < bytes.Length; i += chunk) s.Feed(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        return s;
    }

    static byte[] Pdf(string body) => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + body + "\n%%EOF\n");

    public static TheoryData<int> Chunks => [1, 2, 3, 5, 7, 64, 81920];

    [Theory]
    [MemberData(nameof(Chunks))]
    public void PlainPdf_Nothing(int chunk) => Assert.Null(Scan(Pdf("trailer << /Root 1 0 R >>"), chunk).Refusal("application/pdf"));

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Encrypted_SeenAcrossAnyChunkBoundary(int chunk) =>
        Assert.Equal("document.pdf-encrypted", Scan(Pdf("trailer << /Root 1 0 R /Encrypt 5 0 R >>"), chunk).Refusal("application/pdf"));

    [Theory]
    [InlineData("<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>")]
    [InlineData("<< /AA << /O << /S /JS (x) >> >> >>")]
    [InlineData("<< /S /Launch /F (cmd.exe) >>")]
    [InlineData("<< /Type /EmbeddedFile /Length 3 >>")]
    [InlineData("<< /Subtype /RichMedia >>")]
    public void ActiveContent_Refused(string body)
    {
        foreach (var chunk in new[] { 1, 3, 4096 })
            Assert.Equal("document.pdf-active-content", Scan(Pdf(body), chunk).Refusal("application/pdf"));
    }

    [Fact]
    public void ZipEndRecordInsideAPdfOrAnImage_Polyglot()
    {
        byte[] zipEnd = [(byte)'P', (byte)'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        foreach (var chunk in new[] { 1, 2, 3, 4096 })
        {
            Assert.Equal("document.polyglot", Scan([.. Pdf(""), .. zipEnd], chunk).Refusal("application/pdf"));
            Assert.Equal("document.polyglot", Scan([0xFF, 0xD8, 0xFF, 0xE0, .. zipEnd], chunk).Refusal("image/jpeg"));
        }
    }

    [Fact]
    public void NearMisses_NotRefused()
    {
        // Names that merely start alike, and an image with PDF-looking text, are not active content of a PDF.
        Assert.Null(Scan(Pdf("<< /JSON (x) /Encryption? >>".Replace("/Encryption?", "/Encryp")), 1).Refusal("application/pdf"));
        Assert.Null(Scan([0x89, (byte)'P', (byte)'N', (byte)'G', .. Encoding.ASCII.GetBytes("/JavaScript /Encrypt")], 2).Refusal("image/png"));
    }
}
