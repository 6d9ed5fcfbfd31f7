using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using static ChromoFarm.Core.Tests.CellBuilder;

namespace ChromoFarm.Core.Tests;

public class ChromosomeAssignerTests
{
    private readonly ChromosomeAssigner assigner = new();

    [Fact]
    public void Confident_normal_cell_keeps_its_argmax_labels()
    {
        var cell = NormalCell("XY");
        var result = assigner.Assign(cell);
        Assert.Equal(result.ArgmaxLabels, result.Labels);
        Assert.Equal("46,XY", Karyotype.FromLabels(result.Labels).Notation);
    }

    [Fact]
    public void Three_argmax_21s_become_two_21s_and_the_22_they_displaced()
    {
        // A 22 looks like a 21 (0.55 vs 0.40); the two true 21s are confident. With at most two 21 slots the
        // least confident "21" must move, and its second choice, 22, is free because only one 22 was seen.
        var cell = NormalCell("XX");
        var lastTwentyTwo = cell.FindLastIndex(r => r[ChromosomeClass.Autosome(22).Index] > 0.8f);
        cell[lastTwentyTwo] = Row(("21", 0.55f), ("22", 0.40f));

        var result = assigner.Assign(cell);

        Assert.Equal(3, result.ArgmaxLabels.Count(l => l == ChromosomeClass.Autosome(21)));
        Assert.Equal(ChromosomeClass.Autosome(22), result.Labels[lastTwentyTwo]);
        Assert.Equal(2, result.Labels.Count(l => l == ChromosomeClass.Autosome(21)));
        Assert.Equal(1, result.ChangedByAssignment);
        Assert.Equal("46,XX", Karyotype.FromLabels(result.Labels).Notation);
    }

    [Fact]
    public void Of_three_candidates_for_two_slots_the_cheapest_move_is_taken()
    {
        // Three chromosomes prefer 5: a confident true 5, a true 5 at 0.60 (4 at 0.05) and a true 4 at 0.50 for 5
        // with 0.45 for 4. Moving the 4 back costs −ln 0.45 + ln 0.50 ≈ 0.11; moving the weak 5 would cost
        // −ln 0.05 + ln 0.60 ≈ 2.48. So the true 4 moves, the weak 5 stays.
        var cell = NormalCell("XY");
        var fives = Enumerable.Range(0, cell.Count).Where(i => cell[i][ChromosomeClass.Autosome(5).Index] > 0.8f).ToArray();
        var fours = Enumerable.Range(0, cell.Count).Where(i => cell[i][ChromosomeClass.Autosome(4).Index] > 0.8f).ToArray();
        cell[fives[1]] = Row(("5", 0.60f), ("4", 0.05f));
        cell[fours[1]] = Row(("5", 0.50f), ("4", 0.45f));

        var result = assigner.Assign(cell);

        Assert.Equal(3, result.ArgmaxLabels.Count(l => l == ChromosomeClass.Autosome(5)));
        Assert.Equal(ChromosomeClass.Autosome(5), result.Labels[fives[1]]);
        Assert.Equal(ChromosomeClass.Autosome(4), result.Labels[fours[1]]);
        Assert.Equal(1, result.ChangedByAssignment);
    }

    [Fact]
    public void Cell_with_a_lost_chromosome_is_assigned_without_inventing_one()
    {
        var cell = NormalCell("XY");
        cell.RemoveAt(6); // one chromosome 4 lost in preparation
        var result = assigner.Assign(cell);
        Assert.Equal(45, result.Labels.Count);
        Assert.Equal("45,XY,-4", Karyotype.FromLabels(result.Labels).Notation);
    }

    [Fact]
    public void Tied_probabilities_still_give_a_valid_assignment()
    {
        var cell = NormalCell("XY");
        cell[0] = Row(("1", 0.5f), ("2", 0.5f));
        cell[2] = Row(("1", 0.5f), ("2", 0.5f));
        var result = assigner.Assign(cell);
        Assert.Equal(2, result.Labels.Count(l => l == ChromosomeClass.Autosome(1)));
        Assert.Equal(2, result.Labels.Count(l => l == ChromosomeClass.Autosome(2)));
    }

    [Fact]
    public void More_chromosomes_than_slots_overflow_with_their_argmax_class()
    {
        var cell = NormalCell("XY");
        cell.AddRange(Enumerable.Range(0, 4).Select(_ => Confident("1")));
        var result = assigner.Assign(cell);
        Assert.Equal(50, result.Labels.Count);
        Assert.All(ChromosomeClass.All.Where(c => c != ChromosomeClass.Autosome(1)), c => Assert.True(result.Labels.Count(l => l == c) <= 2));
    }

    [Fact]
    public void No_class_exceeds_two_copies_and_cost_never_exceeds_the_argmax_consistent_choice()
    {
        var random = new Random(42);
        for (var trial = 0; trial < 50; trial++)
        {
            var cell = Enumerable.Range(0, random.Next(30, 49)).Select(_ => RandomRow(random)).ToList();
            var result = assigner.Assign(cell);
            Assert.All(ChromosomeClass.All, c => Assert.True(result.Labels.Count(l => l == c) <= 2));
            var cost = result.Labels.Select((l, i) => -Math.Log(Math.Max(cell[i][l.Index], 1e-9))).Sum();
            Assert.Equal(result.TotalCost, cost, 6);
            // Keeping argmax where it fits and placing the rest greedily is one feasible assignment; the optimum
            // cannot cost more.
            Assert.True(result.TotalCost <= GreedyCost(cell) + 1e-9);
        }
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_refused()
    {
        Assert.Throws<ArgumentException>(() => assigner.Assign([new float[23]]));
    }

    private static float[] RandomRow(Random random)
    {
        var row = Enumerable.Range(0, ChromosomeClass.Count).Select(_ => (float)Math.Pow(random.NextDouble(), 4)).ToArray();
        var sum = row.Sum();
        return row.Select(v => v / sum).ToArray();
    }

    private static double GreedyCost(List<float[]> cell)
    {
        var used = new int[ChromosomeClass.Count];
        var total = 0.0;
        foreach (var row in cell.OrderByDescending(r => r.Max()))
        {
            var order = Enumerable.Range(0, ChromosomeClass.Count).OrderByDescending(c => row[c]);
            var chosen = order.First(c => used[c] < 2);
            used[chosen]++;
            total += -Math.Log(Math.Max(row[chosen], 1e-9));
        }

        return total;
    }
}
