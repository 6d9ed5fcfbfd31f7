namespace ChromoFarm.Karyotyping;

/// <summary>Thresholds that turn a cell's call into review flags.</summary>
public sealed record KaryotypeCallOptions
{
    public static KaryotypeCallOptions Default { get; } = new();

    /// <summary>A chromosome whose assigned class has a lower (calibrated) probability is a low-confidence chromosome.</summary>
    public double LowChromosomeConfidence { get; init; } = 0.5;

    /// <summary>A call whose confidence is below this is ambiguous: a competing call has odds of more than 1:9.</summary>
    public double AmbiguousBelow { get; init; } = 0.9;
}
