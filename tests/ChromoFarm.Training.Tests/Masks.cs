using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

/// <summary>Hand-built instance masks whose overlaps can be counted on paper.</summary>
internal static class Masks
{
    /// <summary>A solid width × height box with its top-left pixel at (x, y).</summary>
    public static InstanceMask Box(int x, int y, int width, int height) =>
        new(x, y, width, height, Enumerable.Repeat((byte)1, width * height).ToArray());

    /// <summary>Rows separated by '|', '#' inside; the box's top-left pixel at (x, y).</summary>
    public static InstanceMask Drawn(string rows, int x, int y)
    {
        var lines = rows.Split('|');
        var bits = lines.SelectMany(l => l.Select(c => c == '#' ? (byte)1 : (byte)0)).ToArray();
        return new InstanceMask(x, y, lines[0].Length, lines.Length, bits);
    }
}
