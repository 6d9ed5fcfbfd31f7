using System.Globalization;
using ScottPlot;

namespace ChromoFarm.Training;

/// <summary>One measured configuration of a throughput benchmark: its repeated runs, in chromosomes (or cells) per second.</summary>
/// <param name="Group">What kind of measurement (forward only, end to end): one colour per group.</param>
public sealed record ThroughputSeries(string Label, string Group, IReadOnlyList<double> Runs)
{
    public double Median
    {
        get
        {
            var sorted = Runs.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}

/// <summary>Horizontal bars of a benchmark's medians with the range of its runs, as a PNG (ScottPlot); the first series on top.</summary>
public static class ThroughputChart
{
    private const int Width = 900;
    private const int RowHeight = 34;
    private const int Margins = 120;

    private static readonly Color[] Palette = [new(33, 84, 168), new(230, 120, 20), new(60, 150, 80), new(150, 60, 150)];

    public static byte[] Render(IReadOnlyList<ThroughputSeries> series, string title, string unit)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0 || series.Any(s => s.Runs.Count == 0))
        {
            throw new ArgumentException("every series needs at least one run", nameof(series));
        }

        var groups = series.Select(s => s.Group).Distinct(StringComparer.Ordinal).ToList();
        var plot = new Plot();
        var positions = new double[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            var row = series[i];
            positions[i] = series.Count - 1 - i;
            var colour = Palette[groups.IndexOf(row.Group) % Palette.Length];
            var bar = plot.Add.Bar(new Bar
            {
                Position = positions[i],
                Value = row.Median,
                Size = 0.7,
                FillColor = colour,
                LineWidth = 0,
            });
            bar.Horizontal = true;
            if (row.Runs.Count > 1)
            {
                // The spread of the runs, so one lucky or unlucky run does not pass for the figure.
                var range = plot.Add.Line(row.Runs.Min(), positions[i], row.Runs.Max(), positions[i]);
                range.LineColor = Colors.Black;
                range.LineWidth = 2;
            }

            // The median in words, right of both the bar and its range, so the line never crosses it.
            var label = plot.Add.Text(row.Median.ToString("#,0", CultureInfo.InvariantCulture), Math.Max(row.Median, row.Runs.Max()), positions[i]);
            label.LabelAlignment = Alignment.MiddleLeft;
            label.OffsetX = 6;
            label.LabelFontSize = 13;
        }

        foreach (var group in groups)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = group, FillColor = Palette[groups.IndexOf(group) % Palette.Length] });
        }

        plot.Axes.Left.SetTicks(positions, series.Select(s => s.Label).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(0, series.Max(s => s.Runs.Max()) * 1.15);
        plot.Axes.SetLimitsY(-0.6, series.Count - 0.4);
        plot.Title(title);
        plot.XLabel(unit + " (bar: median; line: range of the runs)");
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Margins + (RowHeight * series.Count), ImageFormat.Png);
    }
}
