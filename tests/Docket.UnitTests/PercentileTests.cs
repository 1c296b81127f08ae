using Docket.Web.Features.Statistics;

namespace Docket.UnitTests;

/// <summary>Nearest-rank percentiles (api.md, "Statistics"): the value at rank ⌈p/100 · n⌉ of the sorted values.</summary>
public class PercentileTests
{
    [Theory]
    [InlineData(new double[] { 10, 20, 30, 40 }, 50, 20)]
    [InlineData(new double[] { 10, 20, 30, 40 }, 90, 40)]
    [InlineData(new double[] { 40, 10, 30, 20 }, 50, 20)]
    [InlineData(new double[] { 40, 10, 30, 20 }, 90, 40)]
    [InlineData(new double[] { 10, 20, 30, 40 }, 25, 10)]
    [InlineData(new double[] { 10, 20, 30, 40 }, 26, 20)]
    [InlineData(new double[] { 10, 20, 30, 40 }, 100, 40)]
    [InlineData(new double[] { 10, 20, 30, 40 }, 0, 10)]
    [InlineData(new double[] { 7 }, 50, 7)]
    [InlineData(new double[] { 7 }, 90, 7)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 50, 5)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 90, 9)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, 90, 10)]
    [InlineData(new double[] { 1, 2, 3, 4, 5 }, 50, 3)]
    [InlineData(new double[] { 5, 5, 5, 1 }, 50, 5)]
    [InlineData(new double[] { 12.34, 13.37 }, 50, 12.3)]
    [InlineData(new double[] { 12.34, 13.37 }, 90, 13.4)]
    public void Percentile_Values_NearestRank(double[] values, int p, double expected)
    {
        Assert.Equal(expected, CourtStatistics.Percentile([.. values], p));
    }

    [Fact]
    public void Percentile_NoValues_Null()
    {
        Assert.Null(CourtStatistics.Percentile([], 50));
        Assert.Null(CourtStatistics.Percentile([], 90));
    }

    [Fact]
    public void Percentile_HundredValues_P90IsTheNinetiethValue()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();
        Assert.Equal(90, CourtStatistics.Percentile(values, 90));
        Assert.Equal(50, CourtStatistics.Percentile(values, 50));
        Assert.Equal(100, CourtStatistics.Percentile(values, 100));
    }

    [Fact]
    public void Percentile_AnyCountAndCommonPercentiles_RankComputedExactly()
    {
        foreach (var p in new[] { 10, 25, 50, 75, 90, 95, 99 })
            for (var n = 1; n <= 300; n++)
            {
                var values = Enumerable.Range(1, n).Select(i => (double)i).ToList();
                var rank = (p * n + 99) / 100; // ⌈p·n/100⌉ in integers
                Assert.True(rank == CourtStatistics.Percentile(values, p), $"p{p} of 1..{n}: expected {rank}, got {CourtStatistics.Percentile(values, p)}");
            }
    }
}
