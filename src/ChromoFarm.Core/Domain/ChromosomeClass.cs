namespace ChromoFarm.Domain;

/// <summary>One of the 24 human chromosome classes: autosomes 1..22, then X and Y.</summary>
/// <remarks>Index is the classifier's output position (0..23); the order is part of every model file.</remarks>
public readonly record struct ChromosomeClass
{
    public const int Count = 24;
    public const int AutosomeCount = 22;

    public static readonly ChromosomeClass X = new(22);
    public static readonly ChromosomeClass Y = new(23);

    public static IReadOnlyList<ChromosomeClass> All { get; } =
        Enumerable.Range(0, Count).Select(i => new ChromosomeClass(i)).ToArray();

    public ChromosomeClass(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        Index = index;
    }

    public int Index { get; }

    public bool IsAutosome => Index < AutosomeCount;

    /// <summary>The label used in manifests, results and karyotypes: "1".."22", "X", "Y".</summary>
    public string Label => Index switch
    {
        22 => "X",
        23 => "Y",
        _ => (Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static ChromosomeClass Autosome(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, AutosomeCount);
        return new ChromosomeClass(number - 1);
    }

    public static bool TryParse(string? label, out ChromosomeClass value)
    {
        value = default;
        var text = label?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Equals("X", StringComparison.OrdinalIgnoreCase))
        {
            value = X;
            return true;
        }

        if (text.Equals("Y", StringComparison.OrdinalIgnoreCase))
        {
            value = Y;
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n is >= 1 and <= AutosomeCount)
        {
            value = Autosome(n);
            return true;
        }

        return false;
    }

    public static ChromosomeClass Parse(string label) =>
        TryParse(label, out var value)
            ? value
            : throw new FormatException($"'{label}' is not a chromosome label (expected 1..22, X or Y)");

    public override string ToString() => Label;
}
