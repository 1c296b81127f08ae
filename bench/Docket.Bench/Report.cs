using System.Globalization;
using System.Text.Json;

namespace Docket.Bench;

/// <summary>The suite's output: one JSON object per line on stdout; progress goes to stderr.</summary>
public static class Report
{
    public static void Emit(string name, double value, string unit)
    {
        var rounded = Math.Abs(value) >= 100 ? Math.Round(value) : Math.Round(value, 2);
        Console.Out.WriteLine(JsonSerializer.Serialize(new { name, value = rounded, unit }));
        Console.Out.Flush();
    }

    public static void Log(string message) =>
        Console.Error.WriteLine($"bench: [{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>Nearest-rank percentile (the same definition as the app's statistics): the smallest value with at least p% at or below it.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    public static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
