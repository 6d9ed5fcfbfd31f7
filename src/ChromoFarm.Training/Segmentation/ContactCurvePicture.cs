using ScottPlot;

namespace ChromoFarm.Training.Segmentation;

/// <summary>Instance precision, recall and F1 of synthetic spreads as chromosomes touch or overlap more often, as a
/// PNG (ScottPlot): touching rates solid, overlap rates dashed.</summary>
public static class ContactCurvePicture
{
    private static readonly Color RecallColour = new(33, 84, 168);
    private static readonly Color PrecisionColour = new(230, 120, 20);

    /// <param name="touching">Scores at each touching rate (no overlap).</param>
    /// <param name="overlapping">Scores at each overlap rate (no touching).</param>
    public static byte[] Render(IReadOnlyList<(double Rate, SegmentationReport Report)> touching, IReadOnlyList<(double Rate, SegmentationReport Report)> overlapping)
    {
        ArgumentNullException.ThrowIfNull(touching);
        ArgumentNullException.ThrowIfNull(overlapping);
        var plot = new Plot();
        Curves(plot, touching, "touching", LinePattern.Solid);
        Curves(plot, overlapping, "overlapping", LinePattern.Dashed);
        plot.Axes.SetLimitsY(0.5, 1.0);
        var segmenter = touching.Concat(overlapping).Select(p => p.Report.Segmenter).FirstOrDefault() ?? "?";
        plot.Title($"Synthetic Pki-3 spreads, {segmenter} segmenter: instance scores at IoU 0.5");
        plot.XLabel("rate of touching (solid) or overlapping (dashed) pairs");
        plot.YLabel("score");
        plot.ShowLegend(Alignment.LowerLeft);
        return plot.GetImageBytes(760, 440, ImageFormat.Png);
    }

    private static void Curves(Plot plot, IReadOnlyList<(double Rate, SegmentationReport Report)> points, string contact, LinePattern pattern)
    {
        if (points.Count == 0)
        {
            return;
        }

        var rates = points.Select(p => p.Rate).ToArray();
        Curve("recall", r => r.Recall, RecallColour);
        Curve("precision", r => r.Precision, PrecisionColour);
        Curve("F1", r => r.F1, Colors.Black);

        void Curve(string name, Func<SegmentationReport, double> value, Color colour)
        {
            var line = plot.Add.Scatter(rates, points.Select(p => value(p.Report)).ToArray());
            line.Color = colour;
            line.LinePattern = pattern;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = $"{name}, {contact}";
        }
    }
}
