using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Docket.Bench;

/// <summary>An answer that was not the one expected.</summary>
public sealed class ApiException(string message) : Exception(message);

/// <summary>
/// One simulated client of the API. Each has its own loopback source address (127.0.0.x), as real filers have their
/// own addresses: the app's per-address rate limits stay at their production values.
/// </summary>
public sealed class ApiClient : IDisposable
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    readonly HttpClient http;

    public ApiClient(Uri baseAddress, IPAddress source)
    {
        Source = source;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (ctx, ct) =>
            {
                var s = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    s.Bind(new IPEndPoint(source, 0));
                    await s.ConnectAsync(ctx.DnsEndPoint, ct);
                    return new NetworkStream(s, ownsSocket: true);
                }
                catch
                {
                    s.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
    }

    public IPAddress Source { get; }
    public string? Token { get; set; }

    /// <summary>The n-th simulated source address: 127.0.0.2, 127.0.0.3, … (then 127.0.1.x).</summary>
    public static IPAddress Loopback(int n) => new([127, 0, (byte)(n / 250), (byte)(2 + n % 250)]);

    public static HttpContent JsonBody(object body)
    {
        var c = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        c.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return c;
    }

    /// <summary>Sends and times a request; <paramref name="timings"/> (if given) gets the latency in ms and whether it was the expected status.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body, double Ms)> SendAsync(HttpMethod method, string path, HttpContent? content = null,
        Action<double, bool>? timings = null, HttpStatusCode expect = HttpStatusCode.OK, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var sw = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var ms = sw.Elapsed.TotalMilliseconds;
            timings?.Invoke(ms, response.StatusCode == expect);
            return (response.StatusCode, body, ms);
        }
        catch (Exception) when (timings is not null)
        {
            timings(sw.Elapsed.TotalMilliseconds, false);
            throw;
        }
    }

    /// <summary>Sends, and throws unless the status is <paramref name="expect"/>; returns the JSON body.</summary>
    public async Task<JsonElement> CallAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expect = HttpStatusCode.OK,
        Action<double, bool>? timings = null, HttpContent? content = null)
    {
        var (status, bytes, _) = await SendAsync(method, path, content ?? (body is null ? null : JsonBody(body)), timings, expect);
        if (status != expect)
            throw new ApiException($"{method} {path}: expected {(int)expect}, got {(int)status}: {Truncate(Encoding.UTF8.GetString(bytes))}");
        return bytes.Length > 0 && bytes[0] is (byte)'{' or (byte)'[' ? JsonDocument.Parse(bytes).RootElement.Clone() : default;
    }

    public void Dispose() => http.Dispose();

    static string Truncate(string s) => s.Length > 400 ? s[..400] + "…" : s;
}

/// <summary>The API journeys the benchmarks are made of (the same bodies as the integration tests).</summary>
public static class Journeys
{
    public const string DemoPassword = "Docket-demo-2026";

    public static async Task LoginAsync(ApiClient c, string email, string password = DemoPassword)
    {
        var tokens = await c.CallAsync(HttpMethod.Post, "/api/v1/auth/login", new { email, password });
        c.Token = tokens.GetProperty("accessToken").GetString();
    }

    /// <summary>A new verified filer: account, sign-in, real-name profile with a valid resident ID, service address.</summary>
    public static async Task NewFilerAsync(ApiClient c, int n)
    {
        var email = $"bench{n}-{Guid.NewGuid():N}"[..20] + "@bench.test";
        var password = "Bench-pass-" + Guid.NewGuid().ToString("N")[..8];
        await c.CallAsync(HttpMethod.Post, "/api/v1/auth/register", new { email, password });
        await LoginAsync(c, email, password);
        var name = Names.Person(Random.Shared);
        await c.CallAsync(HttpMethod.Put, "/api/v1/me/profile",
            new { fullName = name, idType = "resident-id", idNumber = Ids.ResidentId(Random.Shared), phone = Names.Phone(Random.Shared) });
        await c.CallAsync(HttpMethod.Put, "/api/v1/me/service-address",
            new { electronicConsent = true, phone = Names.Phone(Random.Shared), postalAddress = "甘肃省武威市古浪县古浪镇" });
    }

    public static Dictionary<string, object?> FilingBody(Random r)
    {
        var amount = Math.Round((decimal)Math.Exp(8 + r.NextDouble() * 6), 2); // ~3 thousand to ~1.2 million yuan
        var plaintiff = Names.Person(r);
        var defendant = Names.Person(r);
        return new()
        {
            ["title"] = "买卖合同纠纷",
            ["cause"] = "买卖合同纠纷",
            ["matter"] = "property",
            ["claimAmount"] = amount,
            ["claims"] = new[] { $"判令被告支付货款{amount}元", "本案诉讼费用由被告承担" },
            ["factsAndReasons"] = "原告与被告签订买卖合同，原告已依约交付货物，被告至今未支付货款。",
            ["parties"] = new object[]
            {
                new { role = "plaintiff", kind = "person", name = plaintiff, idType = "resident-id", idNumber = Ids.ResidentId(r), phone = Names.Phone(r), address = "山东省东营市东营区" },
                new { role = "defendant", kind = "person", name = defendant, phone = Names.Phone(r), address = "甘肃省武威市古浪县大靖镇" },
            },
        };
    }

    /// <summary>
    /// A complete draft (create, PUT the content, upload the complaint and the identity document): ready to submit.
    /// <paramref name="timings"/> gets each request's latency.
    /// </summary>
    public static async Task<string> DraftAsync(ApiClient c, string courtId, Action<double, bool>? timings = null)
    {
        var created = await c.CallAsync(HttpMethod.Post, "/api/v1/filings", new { courtId, caseType = "civil-first-instance" },
            HttpStatusCode.Created, timings);
        var id = created.GetProperty("id").GetString()!;
        await c.CallAsync(HttpMethod.Put, $"/api/v1/filings/{id}", FilingBody(Random.Shared), timings: timings);
        foreach (var kind in new[] { "complaint", "identity" })
            await c.CallAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents", expect: HttpStatusCode.Created, timings: timings,
                content: Multipart(kind, kind + ".pdf", new ByteArrayContent(Pdfs.Small(kind))));
        return id;
    }

    public static async Task<string> SubmitAsync(ApiClient c, string id, Action<double, bool>? timings = null)
    {
        var receipt = await c.CallAsync(HttpMethod.Post, $"/api/v1/filings/{id}/submit", timings: timings);
        return receipt.GetProperty("receiptNumber").GetString()!;
    }

    public static MultipartFormDataContent Multipart(string kind, string fileName, HttpContent file, string mediaType = "application/pdf")
    {
        var form = new MultipartFormDataContent("----docket-bench-" + Guid.NewGuid().ToString("N"));
        form.Add(new StringContent(kind, Encoding.UTF8), "kind");
        file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        form.Add(file, "file", fileName);
        return form;
    }
}

/// <summary>Valid PDFs: a small one-page document, and a large one (a valid PDF followed by padding, which readers ignore).</summary>
public static class Pdfs
{
    public static byte[] Small(string text)
    {
        var stream = Encoding.ASCII.GetBytes($"BT /F1 18 Tf 72 720 Td ({text} {Guid.NewGuid():N}) Tj ET");
        var objects = new List<byte[]>
        {
            Encoding.ASCII.GetBytes("<< /Type /Catalog /Pages 2 0 R >>"),
            Encoding.ASCII.GetBytes("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Encoding.ASCII.GetBytes("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
            Encoding.ASCII.GetBytes($"<< /Length {stream.Length} >>\nstream\n").Concat(stream).Concat(Encoding.ASCII.GetBytes("\nendstream")).ToArray(),
            Encoding.ASCII.GetBytes("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        };
        var output = new MemoryStream();
        output.Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"u8);
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Length);
            output.Write(Encoding.ASCII.GetBytes($"{i + 1} 0 obj\n"));
            output.Write(objects[i]);
            output.Write("\nendobj\n"u8);
        }
        var xref = output.Length;
        var tail = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) tail.Append($"{o:D10} 00000 n \n");
        tail.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Encoding.ASCII.GetBytes(tail.ToString()));
        return output.ToArray();
    }

    /// <summary>A <paramref name="bytes"/>-long PDF produced on the fly (the driver never holds it in memory).</summary>
    public static Stream Large(long bytes) => new PaddedStream(Small("large"), bytes);

    sealed class PaddedStream(byte[] head, long length) : Stream
    {
        static readonly byte[] Block = MakeBlock();
        long position;

        static byte[] MakeBlock()
        {
            var b = new byte[1 << 20];
            new Random(8).NextBytes(b);
            return b;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - position);
            if (n <= 0) return 0;
            if (position < head.Length)
            {
                n = (int)Math.Min(n, head.Length - position);
                head.AsSpan((int)position, n).CopyTo(buffer);
            }
            else
            {
                var at = (int)((position - head.Length) % Block.Length);
                n = Math.Min(n, Block.Length - at);
                Block.AsSpan(at, n).CopyTo(buffer);
            }
            position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Identity numbers with valid check characters (GB 11643, GB 32100).</summary>
public static class Ids
{
    static readonly int[] ResidentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    static readonly string[] Areas = ["620622", "620621", "620602", "620623", "370502", "110101", "310104", "440305", "510107", "620102"];
    const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static string ResidentId(Random r)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(r.Next(365 * 55));
        var body = $"{Areas[r.Next(Areas.Length)]}{birth:yyyyMMdd}{r.Next(1000):D3}";
        var sum = body.Select((c, i) => (c - '0') * ResidentWeights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    public static string Uscc(Random r)
    {
        var body = "91" + Areas[r.Next(Areas.Length)] + new string([.. Enumerable.Range(0, 9).Select(_ => UsccAlphabet[r.Next(UsccAlphabet.Length)])]);
        var sum = body.Select((c, i) => UsccAlphabet.IndexOf(c) * UsccWeights[i]).Sum();
        return body + UsccAlphabet[(31 - sum % 31) % 31];
    }
}

public static class Names
{
    const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
    const string Given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建华红梅鑫斌宇浩凯健俊帆帅旭宁龙林欢佳";
    static readonly string[] Companies = ["古浪县鑫源商贸有限公司", "武威市凉州区恒达建材有限公司", "东营市远航物流有限公司", "甘肃祁连农业发展有限公司", "兰州新区润泽建设工程有限公司"];

    public static string Person(Random r) =>
        $"{Surnames[r.Next(Surnames.Length)]}{Given[r.Next(Given.Length)]}{(r.Next(3) > 0 ? Given[r.Next(Given.Length)].ToString() : "")}";

    public static string Company(Random r) => Companies[r.Next(Companies.Length)];

    public static string Phone(Random r) => "1" + "3578"[r.Next(4)] + r.Next(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
