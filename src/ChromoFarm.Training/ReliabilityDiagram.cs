using System.Globalization;
using ChromoFarm.Pictures;

namespace ChromoFarm.Training;

/// <summary>Accuracy per confidence bin against the diagonal of perfect calibration.</summary>
public static class ReliabilityDiagram
{
    private const int Plot = 300;
    private const int Margin = 30;

    public static RgbCanvas Render(IReadOnlyList<CalibrationBin> bins, double expectedError)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var canvas = new RgbCanvas(Plot + (2 * Margin), Plot + (2 * Margin), Rgb.White);
        var origin = (X: Margin, Y: Margin + Plot);
        canvas.Fill(origin.X, Margin, 1, Plot, Rgb.Black);
        canvas.Fill(origin.X, origin.Y, Plot, 1, Rgb.Black);
        var width = Plot / bins.Count;
        for (var b = 0; b < bins.Count; b++)
        {
            if (bins[b].Count == 0)
            {
                continue;
            }

            var height = (int)Math.Round(bins[b].Accuracy * Plot);
            canvas.Fill(origin.X + (b * width) + 1, origin.Y - height, width - 2, height, new Rgb(33, 84, 168));
        }

        // Perfect calibration, drawn over the bars: bars above it mean under-confidence, below it over-confidence.
        for (var i = 0; i < Plot; i++)
        {
            canvas.Fill(origin.X + i, origin.Y - i - 1, 2, 2, new Rgb(230, 120, 20));
        }

        canvas.DrawText("ACCURACY PER CONFIDENCE BIN, ECE " + expectedError.ToString("0.000", CultureInfo.InvariantCulture), Margin + 4, 8, Rgb.Black);
        canvas.DrawText("CONFIDENCE", origin.X + (Plot / 2) - 30, origin.Y + 14, Rgb.Black);
        canvas.DrawText("0", origin.X - 8, origin.Y + 6, Rgb.Black);
        canvas.DrawText("1", origin.X + Plot - 4, origin.Y + 6, Rgb.Black);
        canvas.DrawText("1", origin.X - 10, Margin - 3, Rgb.Black);
        return canvas;
    }
}
