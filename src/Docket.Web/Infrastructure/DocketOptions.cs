namespace Docket.Web.Infrastructure;

/// <summary>The <c>Docket</c> configuration section (api.md: Docket__DataPath, Docket__Demo, Docket__DatabaseProvider).</summary>
public sealed class DocketOptions
{
    public string DataPath { get; set; } = "./data";
    public bool Demo { get; set; }
    public string DatabaseProvider { get; set; } = "sqlite";
    /// <summary><c>stand-in</c> (accepts well-formed profiles; the default in demo mode) or <c>none</c>.</summary>
    public string? IdentityVerifier { get; set; }
    /// <summary><c>stand-in</c> (marks an online payment paid at once; the default in demo mode) or <c>none</c> (bank transfer and voucher only).</summary>
    public string? PaymentGateway { get; set; }
    /// <summary>Base URL printed in notices' verification links; defaults to the request's own.</summary>
    public string? PublicBaseUrl { get; set; }
    /// <summary>Reverse proxies whose X-Forwarded-For/-Proto are believed: addresses or CIDR networks, comma-separated.</summary>
    public string? TrustedProxies { get; set; }

    public bool IsPostgres => string.Equals(DatabaseProvider, "postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(DatabaseProvider, "postgresql", StringComparison.OrdinalIgnoreCase);

    public string FullDataPath => Path.GetFullPath(DataPath);
}
