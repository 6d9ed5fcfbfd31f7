using ChromoFarm.Domain;

namespace ChromoFarm.Karyotyping;

/// <summary>
/// Per-cell redistribution that keeps aneuploidy: chromosomes are assigned to copy slots whose extra
/// costs come from <see cref="CopyNumberPriors"/>, so a third 21 stays a 21 when the evidence outweighs the
/// prior, and a lost chromosome is allowed. The sex complement is chosen jointly: the assignment is solved
/// once per complement (XX, XY, X, XXY, ...) with exactly that many X and Y slots, and the cheapest total of
/// evidence plus prior wins. Complements whose lower bound cannot come near the best are never solved.
/// </summary>
public sealed class PriorAwareAssigner(CopyNumberPriors priors)
{
    // Reward that makes every forced slot of a hypothesis filled (larger than −log of the floor, 20.7, plus any
    // slot cost); it is added back before hypotheses are compared.
    private const double FillReward = 40;

    // Hypotheses this much dearer than the best (odds below 1:1000) are not solved: they could neither win nor
    // change the call's confidence by more than 0.1%.
    private const double SearchMargin = 6.9;

    private readonly double[][] autosomeSlotCosts = ChromosomeClass.All
        .Where(c => c.IsAutosome)
        .Select(priors.AutosomeSlotCosts)
        .ToArray();

    public CopyNumberPriors Priors => priors;

    /// <param name="probabilities">One row of <see cref="ChromosomeClass.Count"/> probabilities per chromosome.</param>
    public CellAssignment Assign(IReadOnlyList<IReadOnlyList<float>> probabilities) => Search(probabilities).Best;

    /// <summary>
    /// The cheapest labelling, and the cheapest one with a different karyotype among: the best of every other sex
    /// complement, and, for each autosome the best call gains or loses, the best with that autosome held at two copies.
    /// </summary>
    public KaryotypeSearch Search(IReadOnlyList<IReadOnlyList<float>> probabilities)
    {
        var evidence = new CellEvidence(probabilities);
        var n = evidence.Count;
        var hypotheses = new List<(ChromosomeClass[] Labels, double Total)>();
        var complements = CopyNumberPriors.Complements
            .Where(c => c.X + c.Y <= n)
            .Select(c => (Complement: c, Bound: LowerBound(evidence, c.X, c.Y) + priors.ComplementCost(c.X, c.Y)))
            .OrderBy(c => c.Bound)
            .ToList();

        var best = double.PositiveInfinity;
        (int X, int Y) bestComplement = default;
        ChromosomeClass[] bestLabels = [];
        foreach (var (complement, bound) in complements)
        {
            if (bound > best + SearchMargin)
            {
                break;
            }

            var (labels, cost) = Solve(evidence, complement, heldAtTwo: null);
            var total = cost + priors.ComplementCost(complement.X, complement.Y);
            hypotheses.Add((labels, total));
            if (total < best)
            {
                best = total;
                bestComplement = complement;
                bestLabels = labels;
            }
        }

        if (hypotheses.Count == 0)
        {
            // No chromosome at all: there is nothing to call, and nothing to be confident about.
            return Result(probabilities, evidence, [(evidence.Argmax, 0)]) with { Posterior = 0 };
        }

        var called = Karyotype.FromLabels(bestLabels);
        foreach (var autosome in ChromosomeClass.All.Where(c => c.IsAutosome && called.CopiesOf(c) != 2))
        {
            // Two more forced slots than the complement needs must be fillable.
            if (n >= bestComplement.X + bestComplement.Y + 2)
            {
                var (labels, cost) = Solve(evidence, bestComplement, heldAtTwo: autosome);
                hypotheses.Add((labels, cost + priors.ComplementCost(bestComplement.X, bestComplement.Y)));
            }
        }

        return Result(probabilities, evidence, hypotheses);
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

            total += autosomeSlotCosts[autosome.Index].Take(copies).Sum();
        }

        return total;
    }

    private static KaryotypeSearch Result(IReadOnlyList<IReadOnlyList<float>> probabilities, CellEvidence evidence, List<(ChromosomeClass[] Labels, double Total)> hypotheses)
    {
        var ranked = hypotheses
            .Select(h => (h.Labels, h.Total, Karyotype: Karyotype.FromLabels(h.Labels)))
            .OrderBy(h => h.Total)
            .ToList();
        var best = ranked[0];
        var confidences = best.Labels.Select((label, i) => probabilities[i][label.Index]).ToArray();
        var assignment = new CellAssignment(best.Labels, evidence.Argmax, confidences, best.Total);

        // Competing calls: the cheapest hypothesis per distinct karyotype other than the best's.
        var rivals = ranked.Skip(1).Where(h => !h.Karyotype.Equals(best.Karyotype)).DistinctBy(h => h.Karyotype).ToList();
        var posterior = 1 / (1 + rivals.Sum(r => Math.Exp(best.Total - r.Total)));
        var runnerUp = rivals.Count == 0 ? null : new KaryotypeAlternative(rivals[0].Karyotype, rivals[0].Total - best.Total);
        return new KaryotypeSearch(assignment, best.Karyotype, posterior, runnerUp);
    }

    // A bound no assignment with exactly x X and y Y chromosomes can beat (complement cost excluded): every
    // chromosome pays at least its cheapest autosome option (−log p plus that class's cheapest slot), and the x
    // (y) chromosomes cheapest to turn into an X (a Y) pay the difference, as if they could be the same ones.
    private double LowerBound(CellEvidence evidence, int x, int y)
    {
        var n = evidence.Count;
        if (n > (autosomeSlotCosts.Length * CopyNumberPriors.MaxAutosomeCopies) + x + y)
        {
            // Overflow columns are priced differently; no bound, so this complement is always solved.
            return double.NegativeInfinity;
        }

        var total = 0.0;
        var toX = new double[n];
        var toY = new double[n];
        for (var i = 0; i < n; i++)
        {
            var cheapest = double.PositiveInfinity;
            for (var c = 0; c < autosomeSlotCosts.Length; c++)
            {
                cheapest = Math.Min(cheapest, evidence.NegativeLogOf(i, c) + autosomeSlotCosts[c][0]);
            }

            total += cheapest;
            toX[i] = evidence.NegativeLogOf(i, ChromosomeClass.X.Index) - cheapest;
            toY[i] = evidence.NegativeLogOf(i, ChromosomeClass.Y.Index) - cheapest;
        }

        Array.Sort(toX);
        Array.Sort(toY);
        return total + toX.Take(x).Sum() + toY.Take(y).Sum();
    }

    // The min-cost assignment with exactly x X slots and y Y slots (and, if given, exactly two copies of one
    // autosome); the cost is returned without the fill rewards.
    private (ChromosomeClass[] Labels, double Cost) Solve(CellEvidence evidence, (int X, int Y) complement, ChromosomeClass? heldAtTwo)
    {
        var slots = new List<(ChromosomeClass Class, double ExtraCost)>((autosomeSlotCosts.Length * CopyNumberPriors.MaxAutosomeCopies) + complement.X + complement.Y);
        var rewards = FillReward * (complement.X + complement.Y);
        for (var c = 0; c < autosomeSlotCosts.Length; c++)
        {
            var autosome = new ChromosomeClass(c);
            if (autosome == heldAtTwo)
            {
                slots.Add((autosome, autosomeSlotCosts[c][0] - FillReward));
                slots.Add((autosome, autosomeSlotCosts[c][1] - FillReward));
                rewards += 2 * FillReward;
                continue;
            }

            foreach (var slotCost in autosomeSlotCosts[c])
            {
                slots.Add((autosome, slotCost));
            }
        }

        slots.AddRange(Enumerable.Repeat((ChromosomeClass.X, -FillReward), complement.X));
        slots.AddRange(Enumerable.Repeat((ChromosomeClass.Y, -FillReward), complement.Y));
        var (labels, cost) = evidence.Assign(slots);
        return (labels, cost + rewards);
    }
}
