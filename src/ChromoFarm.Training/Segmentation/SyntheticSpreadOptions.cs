using ChromoFarm.Native;

namespace ChromoFarm.Training.Segmentation;

/// <summary>How <see cref="SyntheticSpreadGenerator"/> lays out one cell's chromosomes.</summary>
/// <remarks>
/// The rates are of chromosomes, counted on the finished spread: a touching pair makes two touching
/// chromosomes. A chromosome that overlaps any other counts as overlapping, even if it also touches one.
/// </remarks>
public sealed record SyntheticSpreadOptions
{
    /// <summary>Fraction (0..1) of chromosomes that touch another (masks 8-adjacent) without overlapping any.</summary>
    public double TouchingRate { get; init; }

    /// <summary>Fraction (0..1) of chromosomes that overlap another, crossing it by 15–40 % of the narrower one's width.</summary>
    public double OverlapRate { get; init; }

    /// <summary>Picks the layout, the angles and the noise: the same seed gives the same spread.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Chromosomes meant to be apart keep their pixel centres more than this many pixels from each other
    /// (and a touching or overlapping one from all but its partner), so that only the chosen contacts happen.
    /// </summary>
    public int Gap { get; init; } = 6;

    /// <summary>Canvas area over the chromosomes' summed mask area, when the size is not given (aspect 4:3).</summary>
    public double CanvasAreaFactor { get; init; } = 5.5;

    /// <summary>Canvas columns; with <see cref="CanvasHeight"/>, fixes the size (no growing when space runs out).</summary>
    public int? CanvasWidth { get; init; }

    /// <summary>Canvas rows; give both or neither.</summary>
    public int? CanvasHeight { get; init; }

    /// <summary>Dark on light as Pki-3 brightfield, or light on dark (the inverse, as fluorescence looks).</summary>
    public Polarity Polarity { get; init; } = Polarity.DarkOnLight;

    /// <summary>Standard deviation of the Gaussian grey noise added to the composite, in grey levels; 0 for none.</summary>
    public double NoiseSigma { get; init; } = 2.0;

    /// <summary>Throws when a setting is out of range or the settings contradict each other.</summary>
    public void Validate()
    {
        CheckRate(TouchingRate, nameof(TouchingRate));
        CheckRate(OverlapRate, nameof(OverlapRate));
        if (TouchingRate + OverlapRate > 1 + 1e-9)
        {
            throw new ArgumentException(
                $"{nameof(TouchingRate)} + {nameof(OverlapRate)} is {TouchingRate + OverlapRate}; a chromosome is touching, overlapping or neither, so the sum must be at most 1");
        }

        if (Gap < 2)
        {
            // At gap 1 two "separate" chromosomes could sit diagonally next to each other, which is touching.
            throw new ArgumentOutOfRangeException(nameof(Gap), Gap, "the gap must be at least 2 px so that separate chromosomes never touch");
        }

        if (!double.IsFinite(CanvasAreaFactor) || CanvasAreaFactor < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(CanvasAreaFactor), CanvasAreaFactor, "the canvas must be at least twice the chromosomes' area");
        }

        if (CanvasWidth.HasValue != CanvasHeight.HasValue)
        {
            throw new ArgumentException($"give both {nameof(CanvasWidth)} and {nameof(CanvasHeight)}, or neither");
        }

        if (CanvasWidth is <= 0 || CanvasHeight is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(CanvasWidth), $"{CanvasWidth}x{CanvasHeight}", "the canvas size must be positive");
        }

        if (Polarity is not (Polarity.DarkOnLight or Polarity.LightOnDark))
        {
            throw new ArgumentOutOfRangeException(nameof(Polarity), Polarity, "the output polarity must be DarkOnLight or LightOnDark");
        }

        if (!double.IsFinite(NoiseSigma) || NoiseSigma < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseSigma), NoiseSigma, "the noise must be a finite, non-negative standard deviation");
        }
    }

    private static void CheckRate(double rate, string name)
    {
        if (!double.IsFinite(rate) || rate < 0 || rate > 1)
        {
            throw new ArgumentOutOfRangeException(name, rate, "a rate is a fraction of chromosomes, from 0 to 1");
        }
    }
}
