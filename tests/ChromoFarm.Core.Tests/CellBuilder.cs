using ChromoFarm.Domain;

namespace ChromoFarm.Core.Tests;

/// <summary>Builds probability rows for hand-made cells.</summary>
internal static class CellBuilder
{
    /// <summary>A row with <paramref name="p"/> on one class and the rest spread evenly.</summary>
    public static float[] Confident(string label, float p = 0.9f) =>
        Row((label, p));

    /// <summary>A row with the given classes' probabilities and the remainder spread evenly over the others.</summary>
    public static float[] Row(params (string Label, float P)[] mass)
    {
        var row = new float[ChromosomeClass.Count];
        var rest = 1f - mass.Sum(m => m.P);
        var others = ChromosomeClass.Count - mass.Length;
        Array.Fill(row, rest / others);
        foreach (var (label, p) in mass)
        {
            row[ChromosomeClass.Parse(label).Index] = p;
        }

        return row;
    }

    /// <summary>Two confident copies of every autosome plus the given sex chromosomes.</summary>
    public static List<float[]> NormalCell(string sex = "XY", float p = 0.9f)
    {
        var rows = new List<float[]>();
        for (var n = 1; n <= 22; n++)
        {
            rows.Add(Confident(n.ToString(System.Globalization.CultureInfo.InvariantCulture), p));
            rows.Add(Confident(n.ToString(System.Globalization.CultureInfo.InvariantCulture), p));
        }

        rows.AddRange(sex.Select(s => Confident(s.ToString(), p)));
        return rows;
    }
}
