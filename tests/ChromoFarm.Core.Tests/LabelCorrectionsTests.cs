using ChromoFarm.Reviewing;

namespace ChromoFarm.Core.Tests;

/// <summary>Review edits on hand-made cells, with the karyotype each must give.</summary>
public class LabelCorrectionsTests
{
    [Fact]
    public void A_normal_female_cell_reads_46_XX()
    {
        Assert.Equal("46,XX", LabelCorrections.Karyotype(Normal("XX")).Notation);
    }

    [Fact]
    public void Relabelling_a_21_as_an_18_gives_a_trisomy_18_with_monosomy_21()
    {
        var labels = Normal("XY");
        var some21 = labels.First(l => l.Label == "21").Index;

        var next = LabelCorrections.Apply(labels, new ReviewEdit(ReviewAction.Relabel, Chromosome: some21, Label: "18"));

        Assert.Equal("46,XY,+18,-21", LabelCorrections.Karyotype(next).Notation);
        Assert.Equal("21", labels.Single(l => l.Index == some21).Label);
    }

    [Fact]
    public void Swapping_two_labels_keeps_the_karyotype_but_moves_the_labels()
    {
        var labels = Normal("XY");
        var a1 = labels.First(l => l.Label == "1").Index;
        var a2 = labels.First(l => l.Label == "2").Index;

        var next = LabelCorrections.Apply(labels, new ReviewEdit(ReviewAction.Swap, Chromosome: a1, Other: a2));

        Assert.Equal("2", next.Single(l => l.Index == a1).Label);
        Assert.Equal("1", next.Single(l => l.Index == a2).Label);
        Assert.Equal("46,XY", LabelCorrections.Karyotype(next).Notation);
    }

    [Fact]
    public void An_artefact_leaves_the_count_and_an_added_21_makes_a_trisomy()
    {
        var labels = Normal("XX").Append(new ReviewedLabel(46, "7")).ToList();
        Assert.Equal("47,XX,+7", LabelCorrections.Karyotype(labels).Notation);

        var cleaned = LabelCorrections.Apply(labels, new ReviewEdit(ReviewAction.Artefact, Chromosome: 46));
        Assert.Equal("46,XX", LabelCorrections.Karyotype(cleaned).Notation);

        var added = LabelCorrections.Apply(cleaned, new ReviewEdit(ReviewAction.AddMissed, Label: "21"));
        Assert.Equal("47,XX,+21", LabelCorrections.Karyotype(added).Notation);
        var extra = Assert.Single(added, l => l.Added);
        Assert.Equal(47, extra.Index);

        var removed = LabelCorrections.Apply(added, new ReviewEdit(ReviewAction.RemoveAdded, Chromosome: 47));
        Assert.Equal("46,XX", LabelCorrections.Karyotype(removed).Notation);
    }

    [Fact]
    public void A_lost_x_reads_45_X()
    {
        var labels = Normal("XX");
        var anX = labels.First(l => l.Label == "X").Index;

        var next = LabelCorrections.Apply(labels, new ReviewEdit(ReviewAction.Artefact, Chromosome: anX));

        Assert.Equal("45,X", LabelCorrections.Karyotype(next).Notation);
    }

    [Theory]
    [InlineData(ReviewAction.Relabel, 99, null, "3", "no object 99")]
    [InlineData(ReviewAction.Relabel, 0, null, "23", "'23' is not a chromosome class")]
    [InlineData(ReviewAction.Relabel, 0, null, "1", "already 1")]
    [InlineData(ReviewAction.Relabel, null, null, "3", "'chromosome' is required")]
    [InlineData(ReviewAction.Swap, 0, 1, null, "both 1")]
    [InlineData(ReviewAction.Swap, 0, null, null, "'other' is required")]
    [InlineData(ReviewAction.RemoveAdded, 0, null, null, "came from the image")]
    [InlineData(ReviewAction.Accept, null, null, null, "accept does not change labels")]
    public void An_edit_that_does_not_fit_is_refused_saying_why(ReviewAction action, int? chromosome, int? other, string? label, string reason)
    {
        var error = Assert.Throws<InvalidReviewEditException>(() =>
            LabelCorrections.Apply(Normal("XY"), new ReviewEdit(action, chromosome, other, label)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_artefact_cannot_be_marked_twice_and_an_added_chromosome_is_removed_not_marked()
    {
        var labels = Normal("XY").Append(new ReviewedLabel(46, ReviewedLabel.Artefact)).Append(new ReviewedLabel(47, "5", Added: true)).ToList();

        Assert.Contains("already an artefact", Assert.Throws<InvalidReviewEditException>(() =>
            LabelCorrections.Apply(labels, new ReviewEdit(ReviewAction.Artefact, Chromosome: 46))).Message, StringComparison.Ordinal);
        Assert.Contains("remove it instead", Assert.Throws<InvalidReviewEditException>(() =>
            LabelCorrections.Apply(labels, new ReviewEdit(ReviewAction.Artefact, Chromosome: 47))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReviewAction.AddMissed, "add_missed")]
    [InlineData(ReviewAction.RemoveAdded, "remove_added")]
    [InlineData(ReviewAction.Relabel, "relabel")]
    public void Action_names_are_snake_case_and_read_back(ReviewAction action, string name)
    {
        Assert.Equal(name, LabelCorrections.Name(action));
        Assert.True(LabelCorrections.TryParseAction(name, out var back));
        Assert.Equal(action, back);
        Assert.False(LabelCorrections.TryParseAction("relabel_all", out _));
    }

    // Two of each autosome in order (indices 0..43), then the sex chromosomes.
    private static List<ReviewedLabel> Normal(string sex)
    {
        var labels = new List<ReviewedLabel>();
        for (var n = 1; n <= 22; n++)
        {
            labels.Add(new ReviewedLabel(labels.Count, n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            labels.Add(new ReviewedLabel(labels.Count, n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        labels.AddRange(sex.Select(s => new ReviewedLabel(labels.Count, s.ToString())));
        return labels;
    }
}
