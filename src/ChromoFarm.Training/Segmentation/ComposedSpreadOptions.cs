namespace ChromoFarm.Training.Segmentation;

/// <summary>How <see cref="SpreadSet.ComposedFrom"/> composes fluorescence spreads from annotated chromosomes.</summary>
public sealed record ComposedSpreadOptions
{
    /// <summary>Spreads in the set.</summary>
    public int Count { get; init; } = 40;

    /// <summary>Chromosomes drawn (at random, from the whole pool) for each spread.</summary>
    public int Chromosomes { get; init; } = 46;

    /// <summary>Each spread's touching rate is drawn uniformly from 0 to this (see <see cref="SyntheticSpreadOptions.TouchingRate"/>).</summary>
    public double MaxTouchingRate { get; init; } = 0.5;

    /// <summary>Each spread's overlap rate is drawn uniformly from 0 to this.</summary>
    public double MaxOverlapRate { get; init; } = 0.2;

    /// <summary>Spread i is composed from seed <c>Seed + i</c>.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Chromosomes);
        if (!(MaxTouchingRate is >= 0 and <= 1) || !(MaxOverlapRate is >= 0 and <= 1) || MaxTouchingRate + MaxOverlapRate > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTouchingRate), $"{MaxTouchingRate} + {MaxOverlapRate}",
                "the most touching and overlapping are fractions of chromosomes, each 0..1 and together at most 1");
        }
    }
}
