namespace Docket.Web;

public static class Money
{
    /// <summary>Yuan rounded half-up to the fen, without trailing zeros in its JSON form (2900, 12.5, 0.33).</summary>
    public static decimal Yuan(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero) / 1.000000000000000000000000000000000m;

    public static decimal? Yuan(decimal? value) => value is { } v ? Yuan(v) : null;
}
