namespace Docket.Web.Features.Accounts;

/// <summary>
/// Check characters of Chinese identity numbers (real-name verification, online litigation rules Art. 7).
/// Validation here is well-formedness only; it is not identity verification. Pure: no I/O.
/// </summary>
public static class IdentityNumbers
{
    // GB 11643-1999 / ISO 7064 MOD 11-2: weight of position i (1-based from the left) is 2^(18-i) mod 11.
    private static readonly int[] ResidentIdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string ResidentIdCheckCharacters = "10X98765432"; // indexed by (weighted sum mod 11)

    // GB 32100-2015: 31-character alphabet (no I, O, Z, S, V) and weights 3^(i-1) mod 31.
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    // China Standard Time is UTC+8 without daylight saving; no time-zone database needed.
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The resident ID check digit (GB 11643, ISO 7064 MOD 11-2) for 17 ASCII digits; '0'–'9' or 'X'.</summary>
    public static char ResidentIdCheckDigit(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17 || !first17.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Expected 17 ASCII digits.", nameof(first17));
        }

        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * ResidentIdWeights[i];
        }

        return ResidentIdCheckCharacters[sum % 11];
    }

    /// <summary>
    /// 18 characters: 17 ASCII digits and the check character (a digit, or X/x); the birth date (characters
    /// 7–14, yyyyMMdd) a real date from 1900-01-01 to today (Asia/Shanghai). Not trimmed: call
    /// <see cref="Normalize"/> first for user input.
    /// </summary>
    public static bool IsValidResidentId(string? value) =>
        IsValidResidentId(value, DateOnly.FromDateTime(DateTime.UtcNow + ChinaOffset));

    /// <summary>As <see cref="IsValidResidentId(string?)"/>, with "today" given.</summary>
    public static bool IsValidResidentId(string? value, DateOnly today)
    {
        if (value is null || value.Length != 18)
        {
            return false;
        }

        string first17 = value[..17];
        if (!first17.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!DateOnly.TryParseExact(
                value.Substring(6, 8),
                "yyyyMMdd",
                System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None,
                out DateOnly birth)
            || birth < EarliestBirthDate
            || birth > today)
        {
            return false;
        }

        return char.ToUpperInvariant(value[17]) == ResidentIdCheckDigit(first17);
    }

    /// <summary>The unified social credit code check character (GB 32100) for 17 characters of its alphabet.</summary>
    public static char UsccCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        if (first17.Length != 17)
        {
            throw new ArgumentException("Expected 17 characters.", nameof(first17));
        }

        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            int code = UsccAlphabet.IndexOf(char.ToUpperInvariant(first17[i]), StringComparison.Ordinal);
            if (code < 0)
            {
                throw new ArgumentException(
                    $"'{first17[i]}' is not in the GB 32100 alphabet {UsccAlphabet}.", nameof(first17));
            }

            sum += code * UsccWeights[i];
        }

        return UsccAlphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>
    /// 18 characters of the GB 32100 alphabet (compared after upper-casing) with the correct check character.
    /// Not trimmed: call <see cref="Normalize"/> first for user input.
    /// </summary>
    public static bool IsValidUscc(string? value)
    {
        if (value is null || value.Length != 18)
        {
            return false;
        }

        string upper = value.ToUpperInvariant();
        if (!upper.All(c => UsccAlphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        return upper[17] == UsccCheckCharacter(upper[..17]);
    }

    /// <summary>Trims and upper-cases (invariant) an identity number as entered.</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim().ToUpperInvariant();
    }
}
