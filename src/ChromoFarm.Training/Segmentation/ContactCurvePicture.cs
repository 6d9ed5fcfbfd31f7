using System.Globalization;
using ChromoFarm.Pictures;

namespace ChromoFarm.Training.Segmentation;

/// <summary>Instance precision, recall and F1 of synthetic spreads as chromosomes touch or overlap more often.</summary>
public static class ContactCurvePicture
{
    private const int Plot = 260;
    private const int Margin = 40;
    private static readonly Rgb RecallColour = new(33, 84, 168);
    private static readonly Rgb PrecisionColour = new(230, 120, 20);
    private static readonly Rgb F1Colour = Rgb.Black;
    private static readonly Rgb Grid = new(215, 215, 215);

    /// <param name="touching">Scores at each touching rate (no overlap).</param>
    /// <param name="overlapping">Scores at each overlap rate (no touching).</param>
    public static RgbCanvas Render(IReadOnlyList<(double Rate, SegmentationReport Report)> touching, IReadOnlyList<(double Rate, SegmentationReport Report)> overlapping)
    {
        ArgumentNullException.ThrowIfNull(touching);
        ArgumentNullException.ThrowIfNull(overlapping);
        var canvas = new RgbCanvas((2 * Plot) + (3 * Margin), Plot + (2 * Margin) + 14, Rgb.White);
        Panel(canvas, Margin, "TOUCHING RATE", touching);
        Panel(canvas, (2 * Margin) + Plot, "OVERLAP RATE", overlapping);
        var y = Plot + (2 * Margin) - 2;
        canvas.Fill(Margin, y + 3, 12, 3, RecallColour);
        canvas.DrawText("RECALL", Margin + 16, y, Rgb.Black);
        canvas.Fill(Margin + 80, y + 3, 12, 3, PrecisionColour);
        canvas.DrawText("PRECISION", Margin + 96, y, Rgb.Black);
        canvas.Fill(Margin + 180, y + 3, 12, 3, F1Colour);
        canvas.DrawText("F1 (IOU 0.5), SYNTHETIC PKI-3 SPREADS", Margin + 196, y, Rgb.Black);
        return canvas;
    }

    // y runs from 0.5 (bottom) to 1.0 (top); x from 0 to the largest rate.
    private static void Panel(RgbCanvas canvas, int left, string title, IReadOnlyList<(double Rate, SegmentationReport Report)> points)
    {
        var top = Margin;
        var bottom = Margin + Plot;
        foreach (var level in new[] { 0.6, 0.7, 0.8, 0.9, 1.0 })
        {
            var y = Y(level);
            canvas.Fill(left, y, Plot, 1, Grid);
            canvas.DrawText(level.ToString("0.0", CultureInfo.InvariantCulture), left - 22, y - 3, Rgb.Black);
        }

        canvas.Fill(left, top, 1, Plot, Rgb.Black);
        canvas.Fill(left, bottom, Plot, 1, Rgb.Black);
        canvas.DrawText(title, left + (Plot / 2) - 36, bottom + 16, Rgb.Black);
        if (points.Count == 0)
        {
            return;
        }

        var maxRate = Math.Max(1e-9, points.Max(p => p.Rate));
        foreach (var (rate, _) in points)
        {
            canvas.DrawText(rate.ToString("0.#", CultureInfo.InvariantCulture), X(rate) - 4, bottom + 4, Rgb.Black);
        }

        Line(r => r.Recall, RecallColour);
        Line(r => r.Precision, PrecisionColour);
        Line(r => r.F1, F1Colour);

        void Line(Func<SegmentationReport, double> value, Rgb colour)
        {
            for (var i = 0; i < points.Count; i++)
            {
                var (x0, y0) = (X(points[i].Rate), Y(value(points[i].Report)));
                canvas.Fill(x0 - 2, y0 - 2, 5, 5, colour);
                if (i + 1 == points.Count)
                {
                    continue;
                }

                var (x1, y1) = (X(points[i + 1].Rate), Y(value(points[i + 1].Report)));
                var steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0));
                for (var s = 0; s <= steps; s++)
                {
                    canvas.Fill(x0 + ((x1 - x0) * s / Math.Max(1, steps)), y0 + ((y1 - y0) * s / Math.Max(1, steps)), 2, 2, colour);
                }
            }
        }

        int X(double rate) => left + (int)Math.Round(rate / maxRate * (Plot - 10));

        int Y(double v) => bottom - (int)Math.Round(Math.Clamp((v - 0.5) / 0.5, 0, 1) * Plot);
    }
}
