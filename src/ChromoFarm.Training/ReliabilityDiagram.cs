using System.Globalization;
using ScottPlot;

namespace ChromoFarm.Training;

/// <summary>Accuracy per confidence bin against the diagonal of perfect calibration, as a PNG (ScottPlot).</summary>
public static class ReliabilityDiagram
{
    private const int Width = 480;
    private const int Height = 420;

    public static byte[] Render(IReadOnlyList<CalibrationBin> bins, double expectedError)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var plot = new Plot();
        plot.Add.Bars(bins.Where(b => b.Count > 0).Select(b => new Bar
        {
            Position = (b.Low + b.High) / 2,
            Value = b.Accuracy,
            Size = (b.High - b.Low) * 0.9,
            FillColor = new Color(33, 84, 168),
            LineWidth = 0,
        }).ToArray());

        // Drawn over the bars: bars above it mean under-confidence, below it over-confidence.
        var perfect = plot.Add.Line(0, 0, 1, 1);
        perfect.LineColor = new Color(230, 120, 20);
        perfect.LineWidth = 2;
        perfect.LegendText = "perfect calibration";
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Title("Accuracy per confidence bin, ECE " + expectedError.ToString("0.000", CultureInfo.InvariantCulture));
        plot.XLabel("confidence");
        plot.YLabel("accuracy");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
