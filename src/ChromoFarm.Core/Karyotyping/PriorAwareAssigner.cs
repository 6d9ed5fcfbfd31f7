using ChromoFarm.Domain;

namespace ChromoFarm.Karyotyping;

/// <summary>
/// Per-cell redistribution that keeps aneuploidy: chromosomes are assigned to copy slots whose extra
/// costs come from <see cref="CopyNumberPriors"/>, so a third 21 stays a 21 when the evidence outweighs the
/// prior, and a lost chromosome is allowed. The sex complement is chosen jointly: the assignment is solved
/// once per complement (XX, XY, X, XXY, ...) with exactly that many X and Y slots, and the cheapest total of
/// evidence plus prior wins.
/// </summary>
public sealed class PriorAwareAssigner(CopyNumberPriors priors)
{
    // Reward that makes every X and Y slot of a hypothesis filled (larger than −log of the floor, 20.7);
    // it is added back before hypotheses are compared.
    private const double FillReward = 40;

    private readonly List<(ChromosomeClass Class, double Cost)> autosomeSlots = ChromosomeClass.All
        .Where(c => c.IsAutosome)
        .SelectMany(c => priors.AutosomeSlotCosts(c).Select(cost => (c, cost)))
        .ToList();

    public CopyNumberPriors Priors => priors;

    /// <param name="probabilities">One row of <see cref="ChromosomeClass.Count"/> probabilities per chromosome.</param>
    public CellAssignment Assign(IReadOnlyList<IReadOnlyList<float>> probabilities)
    {
        var evidence = new CellEvidence(probabilities);
        var n = evidence.Count;
        if (n == 0)
        {
            return new CellAssignment([], [], [], 0);
        }

        ChromosomeClass[]? bestLabels = null;
        var bestTotal = double.PositiveInfinity;
        foreach (var (x, y) in CopyNumberPriors.Complements)
        {
            if (x + y > n)
            {
                continue;
            }

            var (labels, cost) = Solve(evidence, x, y);
            var total = cost + priors.ComplementCost(x, y);
            if (total < bestTotal)
            {
                bestTotal = total;
                bestLabels = labels;
            }
        }

        // Fewer chromosomes than any complement needs (a fragment of a cell): argmax is all there is.
        bestLabels ??= evidence.Argmax;
        var confidences = bestLabels.Select((label, i) => probabilities[i][label.Index]).ToArray();
        return new CellAssignment(bestLabels, evidence.Argmax, confidences, double.IsPositiveInfinity(bestTotal) ? 0 : bestTotal);
    }

    /// <summary>
    /// The objective <see cref="Assign"/> minimises, for any labelling: −log p of each label, the copy-number
    /// cost of every autosome's count, and −log P of the sex complement. Infinite when a class exceeds its
    /// slots or the complement is not one of <see cref="CopyNumberPriors.Complements"/>.
    /// </summary>
    public double TotalCost(IReadOnlyList<IReadOnlyList<float>> probabilities, IReadOnlyList<ChromosomeClass> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        var karyotype = Karyotype.FromLabels(labels);
        var total = priors.ComplementCost(karyotype.CopiesOf(ChromosomeClass.X), karyotype.CopiesOf(ChromosomeClass.Y));
        for (var i = 0; i < labels.Count; i++)
        {
            total += CellEvidence.NegativeLog(probabilities[i][labels[i].Index]);
        }

        foreach (var autosome in ChromosomeClass.All.Where(c => c.IsAutosome))
        {
            var copies = karyotype.CopiesOf(autosome);
            if (copies > CopyNumberPriors.MaxAutosomeCopies)
            {
                return double.PositiveInfinity;
            }

            total += priors.AutosomeSlotCosts(autosome).Take(copies).Sum();
        }

        return total;
    }

    // The min-cost assignment with exactly x X slots and y Y slots; the cost is returned without the fill reward.
    private (ChromosomeClass[] Labels, double Cost) Solve(CellEvidence evidence, int x, int y)
    {
        var slots = new List<(ChromosomeClass Class, double ExtraCost)>(autosomeSlots.Count + x + y);
        slots.AddRange(autosomeSlots);
        slots.AddRange(Enumerable.Repeat((ChromosomeClass.X, -FillReward), x));
        slots.AddRange(Enumerable.Repeat((ChromosomeClass.Y, -FillReward), y));
        var (labels, cost) = evidence.Assign(slots);
        return (labels, cost + (FillReward * (x + y)));
    }
}
