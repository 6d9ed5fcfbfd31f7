namespace ChromoFarm.Karyotyping;

/// <summary>One cell's karyotype call: the labels after assignment, the karyotype, how sure it is and why to look again.</summary>
/// <param name="Confidence">Probability of the call against the competing calls (see <see cref="KaryotypeSearch.Posterior"/>).</param>
/// <param name="Alternative">The most likely competing call, when there was one within reach.</param>
/// <param name="LowConfidenceChromosomes">Chromosomes whose assigned class is below the low-confidence threshold.</param>
public sealed record CellKaryotypeCall(
    CellAssignment Assignment,
    Karyotype Karyotype,
    double Confidence,
    KaryotypeAlternative? Alternative,
    int LowConfidenceChromosomes,
    ReviewReasons Reasons)
{
    public bool NeedsReview => Reasons != ReviewReasons.None;
}
