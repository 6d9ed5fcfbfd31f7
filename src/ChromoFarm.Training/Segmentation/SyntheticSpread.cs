namespace ChromoFarm.Training.Segmentation;

/// <summary>A generated spread with its truth, and how its chromosomes ended up meeting. Owns the image.</summary>
/// <param name="Chromosomes">One per truth instance, in the same order (the cell's manifest order).</param>
public sealed record SyntheticSpread(AnnotatedSpread Spread, IReadOnlyList<SyntheticChromosome> Chromosomes) : IDisposable
{
    /// <summary>Fraction of chromosomes touching another and overlapping none.</summary>
    public double RealisedTouchingRate => Fraction(ChromosomeContact.Touching);

    /// <summary>Fraction of chromosomes overlapping another.</summary>
    public double RealisedOverlapRate => Fraction(ChromosomeContact.Overlapping);

    public void Dispose() => Spread.Dispose();

    private double Fraction(ChromosomeContact contact) =>
        Chromosomes.Count == 0 ? 0 : (double)Chromosomes.Count(c => c.Contact == contact) / Chromosomes.Count;
}
