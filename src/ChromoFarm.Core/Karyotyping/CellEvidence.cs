using ChromoFarm.Domain;

namespace ChromoFarm.Karyotyping;

/// <summary>
/// A cell's classifier output as the assigners use it: −log p per chromosome and class, and each
/// chromosome's argmax; plus the cost matrix of chromosomes against a list of class slots.
/// </summary>
internal sealed class CellEvidence
{
    // Probabilities below this are treated as this: −log 0 would make every assignment infinite.
    public const double ProbabilityFloor = 1e-9;

    // A chromosome beyond the slots (more objects than the cell can hold) keeps its argmax class at this extra cost,
    // so that overflow happens only when there is no other way.
    private const double OverflowCost = 50;

    private readonly double[,] negativeLog;

    /// <param name="probabilities">One row of <see cref="ChromosomeClass.Count"/> probabilities per chromosome.</param>
    public CellEvidence(IReadOnlyList<IReadOnlyList<float>> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        Count = probabilities.Count;
        negativeLog = new double[Count, ChromosomeClass.Count];
        Argmax = new ChromosomeClass[Count];
        for (var i = 0; i < Count; i++)
        {
            var row = probabilities[i];
            if (row.Count != ChromosomeClass.Count)
            {
                throw new ArgumentException($"chromosome {i} has {row.Count} probabilities, expected {ChromosomeClass.Count}", nameof(probabilities));
            }

            var best = 0;
            for (var c = 0; c < ChromosomeClass.Count; c++)
            {
                negativeLog[i, c] = NegativeLog(row[c]);
                best = row[c] > row[best] ? c : best;
            }

            Argmax[i] = new ChromosomeClass(best);
        }
    }

    public int Count { get; }

    public ChromosomeClass[] Argmax { get; }

    /// <summary>−log p of class index <paramref name="c"/> for chromosome <paramref name="i"/>, floored.</summary>
    public double NegativeLogOf(int i, int c) => negativeLog[i, c];

    public static double NegativeLog(float p) => -Math.Log(Math.Max(p, ProbabilityFloor));

    /// <summary>
    /// Solves the min-cost assignment of the chromosomes to <paramref name="slots"/> (cost −log p plus the slot's
    /// extra cost), with overflow columns when there are more chromosomes than slots.
    /// </summary>
    /// <returns>Each chromosome's label and the total cost of the assignment.</returns>
    public (ChromosomeClass[] Labels, double Cost) Assign(IReadOnlyList<(ChromosomeClass Class, double ExtraCost)> slots)
    {
        var overflow = Math.Max(0, Count - slots.Count);
        var cost = new double[Count, slots.Count + overflow];
        for (var i = 0; i < Count; i++)
        {
            for (var s = 0; s < slots.Count; s++)
            {
                cost[i, s] = negativeLog[i, slots[s].Class.Index] + slots[s].ExtraCost;
            }

            for (var s = 0; s < overflow; s++)
            {
                cost[i, slots.Count + s] = negativeLog[i, Argmax[i].Index] + OverflowCost;
            }
        }

        var columns = MinCostAssignment.Solve(cost);
        var labels = new ChromosomeClass[Count];
        var total = 0.0;
        for (var i = 0; i < Count; i++)
        {
            labels[i] = columns[i] < slots.Count ? slots[columns[i]].Class : Argmax[i];
            total += cost[i, columns[i]];
        }

        return (labels, total);
    }
}
