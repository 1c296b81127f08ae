using System.Net;
using System.Text.Json;

namespace Docket.IntegrationTests;

/// <summary>Chinese identity numbers computed here, independently of the app's own validator.</summary>
public static class TestIds
{
    static readonly int[] ResidentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>A resident ID (居民身份证) with the GB 11643 / ISO 7064 MOD 11-2 check digit.</summary>
    public static string ResidentId(string area = "620622", string birth = "19850312", int? sequence = null)
    {
        var body = $"{area}{birth}{sequence ?? Random.Shared.Next(100, 1000):D3}";
        var sum = body.Select((c, i) => (c - '0') * ResidentWeights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    /// <summary>The same number with a wrong check digit.</summary>
    public static string WithWrongCheckDigit(string id) => id[..^1] + (id[^1] == '0' ? '1' : '0');

    /// <summary>A unified social credit code (统一社会信用代码) with the GB 32100 check character.</summary>
    public static string Uscc(string body = "91620622MA73ABCD1")
    {
        var sum = body.Select((c, i) => UsccAlphabet.IndexOf(c) * UsccWeights[i]).Sum();
        return body + UsccAlphabet[(31 - sum % 31) % 31];
    }
}

public static class TestData
{
    public static object Plaintiff(string? idNumber = null) => new
    {
        role = "plaintiff",
        kind = "person",
        name = "张三",
        idType = "resident-id",
        idNumber = idNumber ?? TestIds.ResidentId(),
        phone = "13800138000",
        address = "山东省东营市东营区",
    };

    public static object Defendant() => new { role = "defendant", kind = "person", name = "李四", phone = "13900139000", address = "甘肃省武威市古浪县大靖镇" };

    /// <summary>The PUT body of a complete civil property claim (as the contract's <c>filing_body</c>).</summary>
    public static Dictionary<string, object?> FilingBody(decimal? amount = 130000m, object[]? parties = null) => new()
    {
        ["title"] = "买卖合同纠纷",
        ["cause"] = "买卖合同纠纷",
        ["matter"] = "property",
        ["claimAmount"] = amount,
        ["claims"] = new[] { $"判令被告支付货款{amount}元", "本案诉讼费用由被告承担" },
        ["factsAndReasons"] = "原告与被告签订买卖合同，原告已依约交付货物，被告至今未支付货款。",
        ["parties"] = parties ?? [Plaintiff(), Defendant()],
    };
}

/// <summary>Assertions on responses that print the body when they fail.</summary>
public static class HttpAssertions
{
    public static async Task<JsonElement> ShouldBe(this HttpResponseMessage r, HttpStatusCode status, string what = "")
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == status,
            $"{what} {r.RequestMessage?.Method} {r.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)status}, got {(int)r.StatusCode}: {Truncate(body)}");
        return body.Length == 0 || !LooksLikeJson(r) ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem (<c>application/problem+json</c>) with this status and, if given, this <c>code</c>.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage r, int status, string? code = null, string what = "")
    {
        var body = await r.Content.ReadAsStringAsync();
        var where = $"{what} {r.RequestMessage?.Method} {r.RequestMessage?.RequestUri?.PathAndQuery}";
        Assert.True((int)r.StatusCode == status, $"{where}: expected {status}, got {(int)r.StatusCode}: {Truncate(body)}");
        Assert.True(r.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{where}: expected application/problem+json, got '{r.Content.Headers.ContentType}': {Truncate(body)}");
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.True(json.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && c.GetString()!.Length > 0,
            $"{where}: problem without a code: {Truncate(body)}");
        if (code is not null) Assert.True(c.GetString() == code, $"{where}: expected code {code}, got {c.GetString()}: {Truncate(body)}");
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.TryGetProperty("detail", out var d) ? d.GetString() : null), $"{where}: problem without a detail");
        return json;
    }

    /// <summary>A 400 validation problem naming <paramref name="field"/> in <c>errors</c>.</summary>
    public static async Task<JsonElement> ShouldBeFieldError(this HttpResponseMessage r, string field, string what = "")
    {
        var json = await r.ShouldBeProblem(400, null, what);
        Assert.True(json.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
                    && messages.GetArrayLength() > 0,
            $"{what}: expected errors[\"{field}\"], got {json}");
        return json;
    }

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    static bool LooksLikeJson(HttpResponseMessage r) => r.Content.Headers.ContentType?.MediaType?.Contains("json") == true;

    static string Truncate(string s) => s.Length > 600 ? s[..600] + "…" : s;
}
