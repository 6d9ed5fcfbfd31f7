using System.Globalization;
using ChromoFarm.Domain;
using ScottPlot;

namespace ChromoFarm.Training;

/// <summary>A 24×24 confusion matrix as a PNG (ScottPlot): rows are the truth, columns the prediction.</summary>
/// <remarks>
/// Correct calls shade blue by the row's recall; errors shade red on a square-root scale so that a handful of
/// confusions still shows. Every non-zero cell carries its count.
/// </remarks>
public static class ConfusionMatrixPicture
{
    private const int Pixels = 760;

    private static readonly Color Blue = new(33, 84, 168);
    private static readonly Color Red = new(200, 40, 40);
    private static readonly Color Grid = new(225, 225, 225);

    public static byte[] Render(int[,] counts, string title)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var n = ChromosomeClass.Count;
        var plot = new Plot();
        for (var truth = 0; truth < n; truth++)
        {
            var support = Enumerable.Range(0, n).Sum(p => counts[truth, p]);
            for (var predicted = 0; predicted < n; predicted++)
            {
                var count = counts[truth, predicted];
                var fraction = support == 0 ? 0 : (double)count / support;
                var shade = truth == predicted ? fraction : Math.Sqrt(fraction);
                // Row 0 (chromosome 1) at the top.
                var cell = plot.Add.Rectangle(predicted, predicted + 1, n - truth - 1, n - truth);
                cell.FillColor = count == 0 ? Colors.White : Colors.White.MixedWith(truth == predicted ? Blue : Red, shade);
                cell.LineColor = Grid;
                cell.LineWidth = 1;
                if (count > 0)
                {
                    var text = plot.Add.Text(count.ToString(CultureInfo.InvariantCulture), predicted + 0.5, n - truth - 0.5);
                    text.LabelFontSize = 9;
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontColor = shade > 0.55 ? Colors.White : Colors.Black;
                }
            }
        }

        var labels = ChromosomeClass.All.Select(c => c.Label).ToArray();
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, n).Select(i => i + 0.5)], labels);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, n).Select(i => n - i - 0.5)], labels);
        plot.Axes.SetLimits(0, n, 0, n);
        plot.Grid.IsVisible = false;
        plot.Title($"{title}: rows truth, columns predicted");
        plot.XLabel("predicted");
        plot.YLabel("truth");
        return plot.GetImageBytes(Pixels, Pixels, ImageFormat.Png);
    }
}
