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
    private const double ProbabilityFloor = 1e-9;

    // Beyond every slot a chromosome keeps its argmax at this cost: only when the cell has more objects than slots.
    private const double OverflowCost = 50;

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
        ArgumentNullException.ThrowIfNull(probabilities);
        var n = probabilities.Count;
        var negativeLog = new double[n, ChromosomeClass.Count];
        var argmax = new ChromosomeClass[n];
        for (var i = 0; i < n; i++)
        {
            var row = probabilities[i];
            if (row.Count != ChromosomeClass.Count)
            {
                throw new ArgumentException($"chromosome {i} has {row.Count} probabilities, expected {ChromosomeClass.Count}", nameof(probabilities));
            }

            var best = 0;
            for (var c = 0; c < ChromosomeClass.Count; c++)
            {
                negativeLog[i, c] = -Math.Log(Math.Max(row[c], ProbabilityFloor));
                best = row[c] > row[best] ? c : best;
            }

            argmax[i] = new ChromosomeClass(best);
        }

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

            var (labels, evidence) = Solve(negativeLog, argmax, x, y);
            var total = evidence + priors.ComplementCost(x, y);
            if (total < bestTotal)
            {
                bestTotal = total;
                bestLabels = labels;
            }
        }

        // Fewer chromosomes than any complement needs (a fragment of a cell): argmax is all there is.
        bestLabels ??= argmax;
        var confidences = bestLabels.Select((label, i) => probabilities[i][label.Index]).ToArray();
        return new CellAssignment(bestLabels, argmax, confidences, double.IsPositiveInfinity(bestTotal) ? 0 : bestTotal);
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
            total -= Math.Log(Math.Max(probabilities[i][labels[i].Index], ProbabilityFloor));
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

    // The min-cost assignment with x X slots and y Y slots; returns the labels and the cost without the fill reward.
    private (ChromosomeClass[] Labels, double Cost) Solve(double[,] negativeLog, ChromosomeClass[] argmax, int x, int y)
    {
        var n = argmax.Length;
        var slots = new List<(ChromosomeClass Class, double Cost)>(autosomeSlots.Count + x + y);
        slots.AddRange(autosomeSlots);
        slots.AddRange(Enumerable.Repeat((ChromosomeClass.X, -FillReward), x));
        slots.AddRange(Enumerable.Repeat((ChromosomeClass.Y, -FillReward), y));
        var overflow = Math.Max(0, n - slots.Count);
        var cost = new double[n, slots.Count + overflow];
        for (var i = 0; i < n; i++)
        {
            for (var s = 0; s < slots.Count; s++)
            {
                cost[i, s] = negativeLog[i, slots[s].Class.Index] + slots[s].Cost;
            }

            for (var s = 0; s < overflow; s++)
            {
                cost[i, slots.Count + s] = negativeLog[i, argmax[i].Index] + OverflowCost;
            }
        }

        var columns = MinCostAssignment.Solve(cost);
        var labels = new ChromosomeClass[n];
        var total = FillReward * (x + y);
        for (var i = 0; i < n; i++)
        {
            labels[i] = columns[i] < slots.Count ? slots[columns[i]].Class : argmax[i];
            total += cost[i, columns[i]];
        }

        return (labels, total);
    }
}
