using ChromoFarm.Native;
using ChromoFarm.Training;

namespace ChromoFarm.Training.Tests;

/// <summary>The report's pictures (ScottPlot) are PNGs that the farm's own decoder reads, and they show their data.</summary>
public sealed class PicturesTests
{
    [Fact]
    public void A_confusion_matrix_decodes_at_its_size_and_its_filled_cells_darken_it()
    {
        var empty = new int[24, 24];
        var diagonal = new int[24, 24];
        for (var i = 0; i < 24; i++)
        {
            diagonal[i, i] = 50;
        }

        diagonal[3, 4] = 5;

        var (width, height, blank) = Decode(ConfusionMatrixPicture.Render(empty, "Argmax"));
        var (_, _, filled) = Decode(ConfusionMatrixPicture.Render(diagonal, "Argmax"));

        Assert.Equal((760, 760), (width, height));
        Assert.True(filled < blank - 5, $"mean grey {filled:0.0} with 24 filled cells, {blank:0.0} without");
    }

    [Fact]
    public void A_reliability_diagram_decodes_and_its_bars_darken_it()
    {
        CalibrationBin Bin(int b, int count) => new(b / 10.0, (b + 1) / 10.0, count, (b + 0.5) / 10.0, (b + 0.5) / 10.0);
        var (width, height, none) = Decode(ReliabilityDiagram.Render([.. Enumerable.Range(0, 10).Select(b => Bin(b, 0))], 0));
        var (_, _, bars) = Decode(ReliabilityDiagram.Render([.. Enumerable.Range(0, 10).Select(b => Bin(b, 100))], 0.01));

        Assert.Equal((480, 420), (width, height));
        Assert.True(bars < none - 5, $"mean grey {bars:0.0} with bars, {none:0.0} without");
    }

    [Fact]
    public void A_throughput_chart_grows_a_row_per_series_and_longer_bars_darken_it()
    {
        ThroughputSeries Row(string label, double rate) => new(label, "forward only", [rate * 0.95, rate, rate * 1.05]);
        var (width, shortHeight, shortBars) = Decode(ThroughputChart.Render([Row("a", 100), Row("b", 10)], "Throughput", "chromosomes/s"));
        var (_, tallHeight, _) = Decode(ThroughputChart.Render([Row("a", 100), Row("b", 10), Row("c", 50)], "Throughput", "chromosomes/s"));
        var (_, _, longBars) = Decode(ThroughputChart.Render([Row("a", 100), Row("b", 95)], "Throughput", "chromosomes/s"));

        Assert.Equal(900, width);
        Assert.Equal(34, tallHeight - shortHeight);
        Assert.True(longBars < shortBars - 2, $"mean grey {longBars:0.0} with two long bars, {shortBars:0.0} with one");
        Assert.Equal(15, new ThroughputSeries("x", "g", [30, 10, 20, 1]).Median, 5);
        Assert.Equal(20, new ThroughputSeries("x", "g", [30, 20, 1]).Median, 5);
        Assert.Throws<ArgumentException>(() => ThroughputChart.Render([new ThroughputSeries("x", "g", [])], "t", "u"));
    }

    private static (int Width, int Height, double MeanGrey) Decode(byte[] png)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cf-picture-{Guid.NewGuid():N}.png");
        try
        {
            File.WriteAllBytes(path, png);
            using var image = GreyImage.Decode(path);
            return (image.Width, image.Height, image.CopyPixels().Average(p => (double)p));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
