using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;

namespace ChromoFarm.Core.Tests;

public class CaseKaryotypeTests
{
    [Fact]
    public void Twenty_normal_cells_give_a_normal_consensus_without_mosaicism()
    {
        var result = CaseKaryotype.Combine(Case((20, Cell("XY"), 0.9)));

        Assert.Equal("46,XY", result.Consensus.Notation);
        Assert.Equal("46,XY", result.Notation);
        Assert.Equal(20, result.TotalCells);
        Assert.False(result.IsMosaic);
        Assert.Empty(result.SingleCellFindings);
        Assert.Equal(("46,XY", 20), (result.Calls.Single().Notation, result.Calls.Single().Cells));
    }

    [Fact]
    public void A_single_cell_with_a_loss_is_a_single_cell_finding_not_mosaicism()
    {
        var result = CaseKaryotype.Combine(Case((19, Cell("XX"), 0.9), (1, Cell("XX", losses: "7"), 0.9)));

        Assert.Equal("46,XX", result.Consensus.Notation);
        Assert.Equal("46,XX", result.Notation);
        Assert.Equal(20, result.TotalCells);
        Assert.False(result.IsMosaic);
        Assert.Empty(result.Clones);
        Assert.Equal("45,XX,-7", Assert.Single(result.SingleCellFindings).Notation);
        Assert.Contains(result.Notes, note => note.Contains("45,XX,-7", StringComparison.Ordinal) && note.Contains("artefact", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gain_in_three_cells_is_mosaicism_written_in_ISCN()
    {
        var result = CaseKaryotype.Combine(Case((17, Cell("XX"), 0.9), (3, Cell("XX", gains: "21"), 0.9)));

        Assert.Equal("46,XX", result.Consensus.Notation);
        Assert.True(result.IsMosaic);
        Assert.Equal("47,XX,+21", Assert.Single(result.Clones).Notation);
        Assert.Equal("mos 47,XX,+21[3]/46,XX[17]", result.Notation);
        Assert.Equal(["46,XX", "47,XX,+21"], result.Calls.Select(c => c.Notation));
        Assert.Equal([17, 3], result.Calls.Select(c => c.Cells));
    }

    [Fact]
    public void The_same_loss_in_two_cells_is_not_yet_a_clone()
    {
        var result = CaseKaryotype.Combine(Case((18, Cell("XY"), 0.9), (2, Cell("XY", losses: "13"), 0.9)));

        Assert.False(result.IsMosaic);
        Assert.Equal("45,XY,-13", Assert.Single(result.SingleCellFindings).Notation);
        Assert.Equal("46,XY", result.Notation);
    }

    [Fact]
    public void The_same_loss_in_three_cells_is_a_clone()
    {
        var result = CaseKaryotype.Combine(Case((17, Cell("XY"), 0.9), (3, Cell("XY", losses: "13"), 0.9)));

        Assert.Equal("mos 45,XY,-13[3]/46,XY[17]", result.Notation);
    }

    [Fact]
    public void A_tie_with_equal_confidence_goes_to_the_normal_call()
    {
        // 3 + 3: the 45,X line is a loss of X against 46,XX in 3 cells, so the case is mosaic either way.
        var result = CaseKaryotype.Combine(Case((3, Cell("X"), 0.8), (3, Cell("XX"), 0.8)));

        Assert.Equal("46,XX", result.Consensus.Notation);
        Assert.Equal("mos 45,X[3]/46,XX[3]", result.Notation);
        Assert.Contains(result.Notes, note => note.Contains("normal call", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tie_goes_to_the_call_with_the_higher_summed_confidence()
    {
        var result = CaseKaryotype.Combine(Case((3, Cell("X"), 0.95), (3, Cell("XX"), 0.6)));

        Assert.Equal("45,X", result.Consensus.Notation);
        Assert.Equal("46,XX", Assert.Single(result.Clones).Notation); // an X gained against 45,X in 3 cells
        Assert.Equal("mos 45,X[3]/46,XX[3]", result.Notation);       // the normal line is still written last
    }

    [Fact]
    public void A_uniformly_abnormal_case_has_an_abnormal_consensus_and_no_mosaicism()
    {
        var result = CaseKaryotype.Combine(Case((10, Cell("XY", gains: "21"), 0.9)));

        Assert.Equal("47,XY,+21", result.Consensus.Notation);
        Assert.False(result.Consensus.IsNormal);
        Assert.False(result.IsMosaic);
    }

    [Fact]
    public void An_extra_sex_chromosome_in_two_cells_is_mosaicism()
    {
        var result = CaseKaryotype.Combine(Case((18, Cell("XY"), 0.9), (2, Cell("XXY"), 0.9)));

        Assert.True(result.IsMosaic);
        Assert.Equal("mos 47,XXY[2]/46,XY[18]", result.Notation);
    }

    [Fact]
    public void A_gain_in_one_cell_is_a_single_cell_finding()
    {
        var result = CaseKaryotype.Combine(Case((19, Cell("XY"), 0.9), (1, Cell("XY", gains: "8"), 0.9)));

        Assert.False(result.IsMosaic);
        Assert.Single(result.SingleCellFindings);
    }

    [Fact]
    public void Clone_thresholds_come_from_the_rules()
    {
        var cells = Case((18, Cell("XY"), 0.9), (2, Cell("XY", losses: "13"), 0.9));

        var result = CaseKaryotype.Combine(cells, new MosaicismRules { MinCellsForLoss = 2 });

        Assert.True(result.IsMosaic);
    }

    [Fact]
    public void An_empty_case_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => CaseKaryotype.Combine([]));
    }

    [Fact]
    public void A_cell_listed_twice_is_rejected()
    {
        var cell = new CellCall("c1", Cell("XY"), 0.9);
        Assert.Throws<ArgumentException>(() => CaseKaryotype.Combine([cell, cell]));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void A_confidence_outside_zero_to_one_is_rejected(double confidence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseKaryotype.Combine([new CellCall("c1", Cell("XY"), confidence)]));
    }

    private static Karyotype Cell(string sex, string gains = "", string losses = "")
    {
        var labels = Enumerable.Range(1, ChromosomeClass.AutosomeCount)
            .SelectMany(n => new[] { ChromosomeClass.Autosome(n), ChromosomeClass.Autosome(n) })
            .ToList();
        labels.AddRange(Labels(gains));
        foreach (var loss in Labels(losses))
        {
            labels.Remove(loss);
        }

        labels.AddRange(sex.Select(s => ChromosomeClass.Parse(s.ToString())));
        return Karyotype.FromLabels(labels);
    }

    private static List<CellCall> Case(params (int Count, Karyotype Karyotype, double Confidence)[] groups) =>
        groups
            .SelectMany(group => Enumerable.Repeat((group.Karyotype, group.Confidence), group.Count))
            .Select((call, i) => new CellCall($"cell{i}", call.Karyotype, call.Confidence))
            .ToList();

    private static IEnumerable<ChromosomeClass> Labels(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ChromosomeClass.Parse);
}
