using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using static ChromoFarm.Core.Tests.CellBuilder;

namespace ChromoFarm.Core.Tests;

public class PriorAwareAssignerTests
{
    // A population like Pki-3's: mostly normal cells, a few trisomies, sex aneuploidies and single lost chromosomes.
    private static readonly CopyNumberPriors Priors = CopyNumberPriors.Fit(Population());

    private readonly PriorAwareAssigner assigner = new(Priors);

    [Theory]
    [InlineData("XY")]
    [InlineData("XX")]
    public void A_confident_normal_cell_keeps_its_labels(string sex)
    {
        var cell = NormalCell(sex);

        var result = assigner.Assign(cell);

        Assert.Equal(result.ArgmaxLabels, result.Labels);
        Assert.Equal($"46,{sex}", Karyotype.FromLabels(result.Labels).Notation);
    }

    [Theory]
    [InlineData("21", "XY", "47,XY,+21")]
    [InlineData("18", "XX", "47,XX,+18")]
    [InlineData("13", "XY", "47,XY,+13")]
    public void A_confident_trisomy_is_kept_not_moved_into_a_free_sex_slot(string extra, string sex, string expected)
    {
        var cell = NormalCell(sex);
        cell.Add(Confident(extra));

        var result = assigner.Assign(cell);

        Assert.Equal(expected, Karyotype.FromLabels(result.Labels).Notation);
    }

    [Theory]
    [InlineData("X", "45,X")]
    [InlineData("XXY", "47,XXY")]
    [InlineData("XXX", "47,XXX")]
    public void Sex_chromosome_aneuploidies_are_called(string sex, string expected)
    {
        var result = assigner.Assign(NormalCell(sex));

        Assert.Equal(expected, Karyotype.FromLabels(result.Labels).Notation);
    }

    [Fact]
    public void A_cell_that_lost_one_chromosome_is_called_with_the_loss()
    {
        var cell = NormalCell("XY");
        cell.RemoveAt(cell.FindIndex(row => row[ChromosomeClass.Parse("7").Index] > 0.5f));

        var result = assigner.Assign(cell);

        Assert.Equal("45,XY,-7", Karyotype.FromLabels(result.Labels).Notation);
    }

    [Fact]
    public void A_doubtful_third_copy_is_moved_to_the_class_missing_a_copy()
    {
        // One 5 looks a little more like a 4; the cell then has three 4s and one 5 by argmax.
        var cell = NormalCell("XY");
        var five = cell.FindIndex(row => row[ChromosomeClass.Parse("5").Index] > 0.5f);
        cell[five] = Row(("4", 0.5f), ("5", 0.4f));

        var result = assigner.Assign(cell);

        Assert.Equal("4", result.ArgmaxLabels[five].Label);
        Assert.Equal("5", result.Labels[five].Label);
        Assert.Equal("46,XY", Karyotype.FromLabels(result.Labels).Notation);
    }

    [Fact]
    public void A_second_Y_has_to_be_paid_for_by_strong_evidence()
    {
        // XY cell whose X is unsure between X and Y: without a prior it would become XYY-less "YY".
        var cell = NormalCell("Y");
        cell.Add(Row(("Y", 0.5f), ("X", 0.4f)));

        var result = assigner.Assign(cell);

        Assert.Equal("46,XY", Karyotype.FromLabels(result.Labels).Notation);
    }

    [Fact]
    public void Random_cells_never_exceed_their_slots_and_never_cost_more_than_argmax()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = random.Next(3, 50);
            var cell = Enumerable.Range(0, n).Select(_ => RandomRow(random)).ToList();

            var result = assigner.Assign(cell);

            var karyotype = Karyotype.FromLabels(result.Labels);
            Assert.All(ChromosomeClass.All.Where(c => c.IsAutosome), c => Assert.InRange(karyotype.CopiesOf(c), 0, CopyNumberPriors.MaxAutosomeCopies));
            Assert.InRange(karyotype.CopiesOf(ChromosomeClass.X), 1, 3);
            Assert.InRange(karyotype.CopiesOf(ChromosomeClass.Y), 0, 2);
            var cost = assigner.TotalCost(cell, result.Labels);
            Assert.Equal(cost, result.TotalCost, 6);
            var argmaxCost = assigner.TotalCost(cell, result.ArgmaxLabels);
            Assert.True(cost <= argmaxCost + 1e-9, $"trial {trial}: assigned {cost} > argmax {argmaxCost}");
        }
    }

    [Fact]
    public void Fitted_priors_make_a_third_21_cheaper_than_a_third_5()
    {
        var twentyOne = Priors.AutosomeSlotCosts(ChromosomeClass.Parse("21"));
        var five = Priors.AutosomeSlotCosts(ChromosomeClass.Parse("5"));

        Assert.True(twentyOne[2] < five[2], $"{twentyOne[2]} vs {five[2]}");
        Assert.True(twentyOne[0] <= twentyOne[1] && twentyOne[1] <= twentyOne[2], "slot costs never decrease");
        Assert.True(Priors.ComplementCost(1, 0) > Priors.ComplementCost(1, 1), "45,X is rarer than XY");
    }

    private static float[] RandomRow(Random random)
    {
        var row = Enumerable.Range(0, ChromosomeClass.Count).Select(_ => (float)Math.Pow(random.NextDouble(), 4)).ToArray();
        var sum = row.Sum();
        return row.Select(p => p / sum).ToArray();
    }

    private static IEnumerable<IReadOnlyList<ChromosomeClass>> Population()
    {
        IReadOnlyList<ChromosomeClass> Cell(string sex, string? gain = null, string? loss = null)
        {
            var labels = Enumerable.Range(1, 22).SelectMany(n => new[] { new ChromosomeClass(n - 1), new ChromosomeClass(n - 1) }).ToList();
            labels.AddRange(sex.Select(s => ChromosomeClass.Parse(s.ToString())));
            if (gain is not null)
            {
                labels.Add(ChromosomeClass.Parse(gain));
            }

            if (loss is not null)
            {
                labels.Remove(ChromosomeClass.Parse(loss));
            }

            return labels;
        }

        for (var i = 0; i < 220; i++)
        {
            yield return Cell(i % 2 == 0 ? "XX" : "XY");
        }

        foreach (var (sex, gain) in new[] { ("XY", "21"), ("XX", "21"), ("XY", "21"), ("XY", "18"), ("XY", "18"), ("XY", "13") })
        {
            yield return Cell(sex, gain);
        }

        foreach (var sex in new[] { "X", "X", "XXY", "XXY", "XXX" })
        {
            yield return Cell(sex);
        }

        foreach (var loss in new[] { "20", "12", "19", "16", "3", "8" })
        {
            yield return Cell("XY", loss: loss);
        }
    }
}
