using ChromoFarm.Domain;

namespace ChromoFarm.Karyotyping;

/// <summary>The labels of one cell's chromosomes after per-cell redistribution.</summary>
/// <param name="Labels">Assigned class per chromosome, in input order.</param>
/// <param name="ArgmaxLabels">The classifier's most probable class per chromosome.</param>
/// <param name="Confidences">Probability of the assigned class per chromosome.</param>
/// <param name="TotalCost">Sum of −log p of the assigned classes plus the slots' extra costs.</param>
public sealed record CellAssignment(
    IReadOnlyList<ChromosomeClass> Labels,
    IReadOnlyList<ChromosomeClass> ArgmaxLabels,
    IReadOnlyList<float> Confidences,
    double TotalCost)
{
    public int ChangedByAssignment => Labels.Where((label, i) => label != ArgmaxLabels[i]).Count();
}

/// <summary>
/// The naive per-cell redistribution: a min-cost assignment of chromosomes to two free slots per class (cost −log p).
/// It cannot call a gain; `evaluate` reports it beside <see cref="PriorAwareAssigner"/> as the force-to-46 baseline.
/// </summary>
public sealed class ChromosomeAssigner
{
    private readonly (ChromosomeClass Class, double ExtraCost)[] slots;

    public ChromosomeAssigner(ClassSlots? slots = null)
    {
        this.slots = (slots ?? ClassSlots.TwoCopiesEach).Slots.Select(s => (s.Class, s.ExtraCost)).ToArray();
    }

    /// <param name="probabilities">One row of <see cref="ChromosomeClass.Count"/> probabilities per chromosome.</param>
    public CellAssignment Assign(IReadOnlyList<IReadOnlyList<float>> probabilities)
    {
        var evidence = new CellEvidence(probabilities);
        var (labels, total) = evidence.Assign(slots);
        var confidences = labels.Select((label, i) => probabilities[i][label.Index]).ToArray();
        return new CellAssignment(labels, evidence.Argmax, confidences, total);
    }
}
