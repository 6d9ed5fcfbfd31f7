using System.Globalization;
using ChromoFarm.Domain;
using ChromoFarm.Pictures;

namespace ChromoFarm.Training;

/// <summary>A 24×24 confusion matrix as a picture: rows are the truth, columns the prediction.</summary>
/// <remarks>
/// Correct calls shade blue by the row's recall; errors shade red on a square-root scale so that a handful of
/// confusions still shows. Every non-zero cell carries its count.
/// </remarks>
public static class ConfusionMatrixPicture
{
    private const int Cell = 24;
    private const int Margin = 40;

    private static readonly Rgb Blue = new(33, 84, 168);
    private static readonly Rgb Red = new(200, 40, 40);
    private static readonly Rgb Grid = new(225, 225, 225);

    public static RgbCanvas Render(int[,] counts, string title)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var n = ChromosomeClass.Count;
        var size = Margin + (n * Cell) + 8;
        var canvas = new RgbCanvas(size, size + 14, Rgb.White);
        canvas.DrawText($"{title}: ROWS TRUTH, COLUMNS PREDICTED", 4, 4, Rgb.Black);
        var top = Margin + 14;

        for (var c = 0; c < n; c++)
        {
            var label = ChromosomeClass.All[c].Label;
            var offset = (Cell - RgbCanvas.TextWidth(label)) / 2;
            canvas.DrawText(label, Margin + (c * Cell) + offset, top - 12, Rgb.Black);
            canvas.DrawText(label, Margin - 4 - RgbCanvas.TextWidth(label), top + (c * Cell) + 8, Rgb.Black);
        }

        for (var truth = 0; truth < n; truth++)
        {
            var support = Enumerable.Range(0, n).Sum(p => counts[truth, p]);
            for (var predicted = 0; predicted < n; predicted++)
            {
                var count = counts[truth, predicted];
                var fraction = support == 0 ? 0 : (double)count / support;
                var color = count == 0 ? Rgb.White
                    : truth == predicted ? Rgb.Lerp(Rgb.White, Blue, fraction)
                    : Rgb.Lerp(Rgb.White, Red, Math.Sqrt(fraction));
                var x = Margin + (predicted * Cell);
                var y = top + (truth * Cell);
                canvas.Fill(x, y, Cell, Cell, Grid);
                canvas.Fill(x + 1, y + 1, Cell - 1, Cell - 1, color);
                if (count > 0)
                {
                    var text = count.ToString(CultureInfo.InvariantCulture);
                    var ink = (truth == predicted ? fraction : Math.Sqrt(fraction)) > 0.55 ? Rgb.White : Rgb.Black;
                    canvas.DrawText(text, x + ((Cell - RgbCanvas.TextWidth(text)) / 2), y + 8, ink);
                }
            }
        }

        return canvas;
    }
}
