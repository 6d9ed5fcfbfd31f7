using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using static ChromoFarm.Core.Tests.CellBuilder;

namespace ChromoFarm.Core.Tests;

public class KaryotypeSearchTests
{
    private readonly PriorAwareAssigner assigner = new(CopyNumberPriorsFile.Default);

    [Fact]
    public void A_trisomy_21_call_has_a_runner_up_with_a_different_karyotype()
    {
        var cell = NormalCell("XY");
        cell.Add(Confident("21"));

        var search = assigner.Search(cell);

        Assert.Equal("47,XY,+21", search.Karyotype.Notation);
        Assert.NotNull(search.RunnerUp);
        Assert.NotEqual(search.Karyotype, search.RunnerUp.Karyotype);
        Assert.True(search.RunnerUp.CostGap > 0, $"gap {search.RunnerUp.CostGap}");
        Assert.InRange(search.Posterior, 0.5, 1);
    }

    [Fact]
    public void The_search_and_assign_agree_on_the_labels()
    {
        var trisomy = NormalCell("XX");
        trisomy.Add(Confident("18"));
        var random = new Random(11);
        List<List<float[]>> cells = [NormalCell("XY"), trisomy, NoisyCell(random), NoisyCell(random)];

        Assert.All(cells, cell => Assert.Equal(assigner.Assign(cell).Labels, assigner.Search(cell).Best.Labels));
    }

    [Fact]
    public void Random_noisy_cells_get_the_unpruned_optimum_a_feasible_call_and_a_consistent_posterior()
    {
        var random = new Random(2024);
        var argmaxFeasible = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            var truth = TrueLabels(random);
            var cell = truth.Select(label => NoisyRow(label, random)).ToList();

            var search = assigner.Search(cell);

            var best = search.Best;
            var cost = best.TotalCost;
            var context = $"trial {trial}, {Karyotype.FromLabels(truth)} called {search.Karyotype}";
            Assert.Equal(Karyotype.FromLabels(best.Labels), search.Karyotype);
            Assert.All(ChromosomeClass.All.Where(c => c.IsAutosome), c => Assert.InRange(search.Karyotype.CopiesOf(c), 0, 3));
            Assert.InRange(search.Karyotype.CopiesOf(ChromosomeClass.X), 1, 3);
            Assert.InRange(search.Karyotype.CopiesOf(ChromosomeClass.Y), 0, 2);
            Assert.True(Math.Abs(assigner.TotalCost(cell, best.Labels) - cost) < 1e-6, context);
            var exhaustive = ExhaustiveOptimum(cell);
            Assert.True(Math.Abs(exhaustive - cost) < 1e-6, $"{context}: pruned search {cost}, every complement solved {exhaustive}");

            // The labelling the cell was made from, and argmax where it is feasible, are candidates the optimum beats.
            Assert.True(cost <= assigner.TotalCost(cell, truth) + 1e-9, context);
            var argmaxCost = assigner.TotalCost(cell, best.ArgmaxLabels);
            argmaxFeasible += double.IsFinite(argmaxCost) ? 1 : 0;
            Assert.True(cost <= argmaxCost + 1e-9, context);
            Assert.True(NoSingleChangeIsCheaper(cell, best.Labels, cost), context);

            Assert.True(search.Posterior is > 0 and <= 1, context);
            if (search.RunnerUp is { } runnerUp)
            {
                Assert.NotEqual(search.Karyotype, runnerUp.Karyotype);
                Assert.True(runnerUp.CostGap >= 0, context);
                Assert.True(search.Posterior <= (1 / (1 + Math.Exp(-runnerUp.CostGap))) + 1e-9, context);
            }
        }

        // Otherwise the argmax comparison above would have tested nothing.
        Assert.True(argmaxFeasible > 20, $"argmax feasible in only {argmaxFeasible} cells");
    }

    // The optimum without pruning: every complement solved, with its X and Y slots forced full by a large reward.
    private double ExhaustiveOptimum(List<float[]> cell)
    {
        const double Forced = 1000;
        var priors = assigner.Priors;
        var best = double.PositiveInfinity;
        foreach (var (x, y) in CopyNumberPriors.Complements.Where(c => c.X + c.Y <= cell.Count))
        {
            var slots = ChromosomeClass.All.Where(c => c.IsAutosome)
                .SelectMany(c => priors.AutosomeSlotCosts(c).Select(extra => (c.Index, Extra: extra)))
                .Concat(Enumerable.Repeat((ChromosomeClass.X.Index, Extra: -Forced), x))
                .Concat(Enumerable.Repeat((ChromosomeClass.Y.Index, Extra: -Forced), y))
                .ToArray();
            var cost = new double[cell.Count, slots.Length];
            for (var i = 0; i < cell.Count; i++)
            {
                for (var s = 0; s < slots.Length; s++)
                {
                    cost[i, s] = -Math.Log(Math.Max(cell[i][slots[s].Index], 1e-9)) + slots[s].Extra;
                }
            }

            var columns = MinCostAssignment.Solve(cost);
            var total = columns.Select((s, i) => cost[i, s]).Sum() + (Forced * (x + y)) + priors.ComplementCost(x, y);
            best = Math.Min(best, total);
        }

        return best;
    }

    // Necessary for a global optimum: relabelling one chromosome, or swapping the labels of two, never lowers the cost.
    private bool NoSingleChangeIsCheaper(List<float[]> cell, IReadOnlyList<ChromosomeClass> labels, double cost)
    {
        var trial = labels.ToArray();
        for (var i = 0; i < trial.Length; i++)
        {
            foreach (var other in ChromosomeClass.All)
            {
                trial[i] = other;
                if (assigner.TotalCost(cell, trial) < cost - 1e-9)
                {
                    return false;
                }
            }

            trial[i] = labels[i];
        }

        for (var i = 0; i < trial.Length; i++)
        {
            for (var j = i + 1; j < trial.Length; j++)
            {
                (trial[i], trial[j]) = (labels[j], labels[i]);
                if (assigner.TotalCost(cell, trial) < cost - 1e-9)
                {
                    return false;
                }

                (trial[i], trial[j]) = (labels[i], labels[j]);
            }
        }

        return true;
    }

    private static List<float[]> NoisyCell(Random random) => TrueLabels(random).Select(label => NoisyRow(label, random)).ToList();

    // 44 to 48 chromosomes: a complement the priors know, and autosomes gained or lost (one copy each) to make up the count.
    private static List<ChromosomeClass> TrueLabels(Random random)
    {
        var n = random.Next(44, 49);
        var complements = CopyNumberPriors.Complements.Where(c => Math.Abs(n - c.X - c.Y - 44) <= 2).ToArray();
        var (x, y) = complements[random.Next(complements.Length)];
        var copies = Enumerable.Repeat(2, 22).ToArray();
        var autosomes = n - x - y;
        while (copies.Sum() != autosomes)
        {
            var c = random.Next(22);
            if (copies[c] == 2)
            {
                copies[c] += autosomes > 44 ? 1 : -1;
            }
        }

        var labels = copies.SelectMany((k, c) => Enumerable.Repeat(new ChromosomeClass(c), k)).ToList();
        labels.AddRange(Enumerable.Repeat(ChromosomeClass.X, x));
        labels.AddRange(Enumerable.Repeat(ChromosomeClass.Y, y));
        return labels.OrderBy(_ => random.Next()).ToList();
    }

    // The true class at 0.3..0.98, one confuser taking 30..90% of the rest (sometimes more than the truth), the remainder spread
    // at random.
    private static float[] NoisyRow(ChromosomeClass truth, Random random)
    {
        var pTrue = 0.3 + (0.68 * random.NextDouble());
        var confuser = (truth.Index + 1 + random.Next(ChromosomeClass.Count - 1)) % ChromosomeClass.Count;
        if (!truth.IsAutosome && random.Next(2) == 0)
        {
            // X against Y, half the time: the sex complements then compete closely.
            confuser = ChromosomeClass.X.Index + ChromosomeClass.Y.Index - truth.Index;
        }

        var pConfuser = (1 - pTrue) * (0.3 + (0.6 * random.NextDouble()));
        var spread = Enumerable.Range(0, ChromosomeClass.Count).Select(_ => Math.Pow(random.NextDouble(), 4)).ToArray();
        spread[truth.Index] = 0;
        spread[confuser] = 0;
        var rest = (1 - pTrue - pConfuser) / spread.Sum();
        var row = spread.Select(w => (float)(w * rest)).ToArray();
        row[truth.Index] = (float)pTrue;
        row[confuser] = (float)pConfuser;
        return row;
    }
}
