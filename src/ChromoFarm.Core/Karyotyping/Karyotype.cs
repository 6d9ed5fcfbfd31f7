using System.Globalization;
using System.Text;
using ChromoFarm.Domain;

namespace ChromoFarm.Karyotyping;

/// <summary>Copy numbers of a cell's chromosome classes and their ISCN-style notation.</summary>
public sealed class Karyotype : IEquatable<Karyotype>
{
    private readonly int[] copies;

    private Karyotype(int[] copies)
    {
        this.copies = copies;
        ChromosomeCount = copies.Sum();
        Notation = Format();
    }

    public int ChromosomeCount { get; }

    /// <summary>ISCN-style string, e.g. "46,XY", "47,XX,+21", "45,X", "47,XXY".</summary>
    public string Notation { get; }

    /// <summary>The sex chromosome complement, e.g. "XX", "XY", "X", "XXY"; empty when none was found.</summary>
    public string SexChromosomes => new string('X', copies[ChromosomeClass.X.Index]) + new string('Y', copies[ChromosomeClass.Y.Index]);

    /// <summary>46 chromosomes, two of each autosome, and XX or XY.</summary>
    public bool IsNormal => ChromosomeCount == 46
        && copies.Take(ChromosomeClass.AutosomeCount).All(c => c == 2)
        && SexChromosomes is "XX" or "XY";

    public int CopiesOf(ChromosomeClass chromosome) => copies[chromosome.Index];

    public static Karyotype FromLabels(IEnumerable<ChromosomeClass> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var copies = new int[ChromosomeClass.Count];
        foreach (var label in labels)
        {
            copies[label.Index]++;
        }

        return new Karyotype(copies);
    }

    /// <summary>Reads back a <see cref="Notation"/>: count, sex complement ("?" for none), then "+n"/"-n" autosome changes.</summary>
    /// <exception cref="FormatException">Not this class's notation, or a count that does not add up.</exception>
    public static Karyotype Parse(string notation)
    {
        ArgumentNullException.ThrowIfNull(notation);
        var parts = notation.Split(',');
        if (parts.Length < 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"'{notation}' is not a karyotype (expected e.g. 46,XY or 47,XX,+21)");
        }

        var copies = new int[ChromosomeClass.Count];
        Array.Fill(copies, 2, 0, ChromosomeClass.AutosomeCount);
        if (parts[1] != "?")
        {
            if (parts[1].Length == 0 || parts[1].Any(c => c is not ('X' or 'Y')))
            {
                throw new FormatException($"'{notation}': '{parts[1]}' is not a sex chromosome complement");
            }

            copies[ChromosomeClass.X.Index] = parts[1].Count(c => c == 'X');
            copies[ChromosomeClass.Y.Index] = parts[1].Count(c => c == 'Y');
        }

        foreach (var change in parts.Skip(2))
        {
            if (change.Length < 2 || change[0] is not ('+' or '-')
                || !int.TryParse(change.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number is < 1 or > ChromosomeClass.AutosomeCount)
            {
                throw new FormatException($"'{notation}': '{change}' is not a gain or loss of an autosome");
            }

            copies[number - 1] += change[0] == '+' ? 1 : -1;
            if (copies[number - 1] < 0)
            {
                throw new FormatException($"'{notation}': more losses of {number} than copies");
            }
        }

        var karyotype = new Karyotype(copies);
        return karyotype.ChromosomeCount == count && karyotype.Notation == notation
            ? karyotype
            : throw new FormatException($"'{notation}' does not add up (it reads as {karyotype.Notation})");
    }

    public bool Equals(Karyotype? other) => other is not null && copies.AsSpan().SequenceEqual(other.copies);

    public override bool Equals(object? obj) => Equals(obj as Karyotype);

    public override int GetHashCode() => Notation.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Notation;

    // ISCN: count, sex chromosome complement (numerical sex abnormalities are written as the complement itself,
    // "47,XXY", "45,X"), then autosomal gains and losses in chromosome order. "?" marks a cell in which no sex
    // chromosome was identified.
    private string Format()
    {
        var text = new StringBuilder();
        text.Append(ChromosomeCount.ToString(CultureInfo.InvariantCulture)).Append(',');
        var sex = SexChromosomes;
        text.Append(sex.Length == 0 ? "?" : sex);
        for (var number = 1; number <= ChromosomeClass.AutosomeCount; number++)
        {
            var count = copies[number - 1];
            var sign = count > 2 ? '+' : '-';
            for (var k = 0; k < Math.Abs(count - 2); k++)
            {
                text.Append(',').Append(sign).Append(number.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
