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

/// <summary>Per-cell label redistribution: a min-cost assignment of chromosomes to class slots (cost −log p).</summary>
public sealed class ChromosomeAssigner
{
    // Probabilities below this are treated as this: −log 0 would make every assignment infinite.
    private const double ProbabilityFloor = 1e-9;

    // A chromosome beyond the slots (more objects than the cell can hold) keeps its argmax class at this extra cost,
    // so that overflow happens only when there is no other way.
    private const double OverflowCost = 50;

    private readonly ClassSlots slots;

    public ChromosomeAssigner(ClassSlots? slots = null)
    {
        this.slots = slots ?? ClassSlots.TwoCopiesEach;
    }

    /// <param name="probabilities">One row of <see cref="ChromosomeClass.Count"/> probabilities per chromosome.</param>
    public CellAssignment Assign(IReadOnlyList<IReadOnlyList<float>> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var n = probabilities.Count;
        var slotList = slots.Slots;
        var overflow = Math.Max(0, n - slotList.Count);
        var cost = new double[n, slotList.Count + overflow];
        var argmax = new ChromosomeClass[n];

        for (var i = 0; i < n; i++)
        {
            var row = probabilities[i];
            if (row.Count != ChromosomeClass.Count)
            {
                throw new ArgumentException($"chromosome {i} has {row.Count} probabilities, expected {ChromosomeClass.Count}", nameof(probabilities));
            }

            argmax[i] = new ChromosomeClass(ArgMax(row));
            for (var s = 0; s < slotList.Count; s++)
            {
                cost[i, s] = NegativeLog(row[slotList[s].Class.Index]) + slotList[s].ExtraCost;
            }

            for (var s = 0; s < overflow; s++)
            {
                cost[i, slotList.Count + s] = NegativeLog(row[argmax[i].Index]) + OverflowCost;
            }
        }

        var columns = MinCostAssignment.Solve(cost);
        var labels = new ChromosomeClass[n];
        var confidences = new float[n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var column = columns[i];
            labels[i] = column < slotList.Count ? slotList[column].Class : argmax[i];
            confidences[i] = probabilities[i][labels[i].Index];
            total += cost[i, column];
        }

        return new CellAssignment(labels, argmax, confidences, total);
    }

    private static double NegativeLog(float p) => -Math.Log(Math.Max(p, ProbabilityFloor));

    private static int ArgMax(IReadOnlyList<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Count; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }
}
