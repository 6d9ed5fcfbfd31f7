using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using static ChromoFarm.Core.Tests.CellBuilder;

namespace ChromoFarm.Core.Tests;

/// <summary>Small hand-built cells whose optimal labelling can be worked out by hand.</summary>
public class PriorAwareAssignerKnownCellsTests
{
    // Every autosome has the same prior, so moving a copy from one class to another costs nothing in prior terms:
    // the evidence alone decides between, e.g., 45,XY,-7 and 45,XY,-8.
    private readonly PriorAwareAssigner assigner = new(TestPriors.SameForEveryAutosome(0.0005, 0.005, 0.99, 0.0045));

    [Fact]
    public void Two_identical_rows_split_between_the_two_classes_that_each_need_a_copy()
    {
        var cell = NormalCell("XY");
        var four = cell.FindIndex(row => row[ChromosomeClass.Autosome(4).Index] > 0.5f);
        var five = cell.FindIndex(row => row[ChromosomeClass.Autosome(5).Index] > 0.5f);
        cell[four] = Row(("4", 0.45f), ("5", 0.45f));
        cell[five] = Row(("4", 0.45f), ("5", 0.45f));
        var normal = Enumerable.Range(1, 22).SelectMany(n => new[] { ChromosomeClass.Autosome(n), ChromosomeClass.Autosome(n) })
            .Append(ChromosomeClass.X).Append(ChromosomeClass.Y).ToArray();

        var search = assigner.Search(cell);

        Assert.Equal("46,XY", search.Karyotype.Notation);
        Assert.Equal(["4", "5"], new[] { search.Best.Labels[four].Label, search.Best.Labels[five].Label }.Order());
        Assert.Equal(assigner.TotalCost(cell, normal), search.Best.TotalCost, 6);
        Assert.True(search.Posterior > 0.9, $"a tie inside one karyotype is no doubt about the call: {search.Posterior}");
    }

    [Fact]
    public void A_45_chromosome_cell_keeps_the_loss_where_the_evidence_puts_it()
    {
        // One 7 lost; one 8 is 0.55 for 8 and 0.40 for 7. Calling it a 7 would trade -7 for -8 at no prior cost,
        // so the evidence decides: 45,XY,-7, with 45,XY,-8 runner-up at ln(0.55 / 0.40) nats.
        var cell = NormalCell("XY");
        cell.RemoveAt(cell.FindIndex(row => row[ChromosomeClass.Autosome(7).Index] > 0.5f));
        var doubtful = cell.FindIndex(row => row[ChromosomeClass.Autosome(8).Index] > 0.5f);
        cell[doubtful] = Row(("8", 0.55f), ("7", 0.40f));

        var search = assigner.Search(cell);

        Assert.Equal("45,XY,-7", search.Karyotype.Notation);
        Assert.Equal(ChromosomeClass.Autosome(8), search.Best.Labels[doubtful]);
        Assert.Equal("45,XY,-8", search.RunnerUp?.Karyotype.Notation);
        var gap = Math.Log(0.55f) - Math.Log(0.40f);
        Assert.Equal(gap, search.RunnerUp!.CostGap, 6);
        Assert.InRange(search.Posterior, 0.5, (1 / (1 + Math.Exp(-gap))) + 1e-9);
    }

    [Fact]
    public void A_47_chromosome_cell_gives_a_fourth_21_back_to_the_22_it_displaced()
    {
        // Three confident 21s and a 22 that is 0.50 for 21: four 21s are impossible, so the doubtful one is a 22.
        var cell = NormalCell("XY");
        cell.Add(Confident("21"));
        var doubtful = cell.FindIndex(row => row[ChromosomeClass.Autosome(22).Index] > 0.5f);
        cell[doubtful] = Row(("21", 0.50f), ("22", 0.45f));
        var expected = assigner.Assign(cell).ArgmaxLabels.ToArray();
        expected[doubtful] = ChromosomeClass.Autosome(22);

        var search = assigner.Search(cell);

        Assert.Equal(4, search.Best.ArgmaxLabels.Count(l => l == ChromosomeClass.Autosome(21)));
        Assert.Equal(expected, search.Best.Labels);
        Assert.Equal("47,XY,+21", search.Karyotype.Notation);
        Assert.Equal(assigner.TotalCost(cell, expected), search.Best.TotalCost, 6);
    }
}
