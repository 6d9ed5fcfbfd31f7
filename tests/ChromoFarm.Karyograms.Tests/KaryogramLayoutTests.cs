namespace ChromoFarm.Karyograms.Tests;

/// <summary>The ISCN arrangement, checked on hand-made cells.</summary>
public class KaryogramLayoutTests
{
    [Fact]
    public void Groups_fill_four_rows_in_order_with_the_sex_chromosomes_last()
    {
        var geometry = KaryogramLayout.Arrange(NormalCell("XY").ToList(), scale: 1, top: 0);

        // A row's captions share a baseline; rows go top to bottom: 1–5, then 6–12, then 13–18, then 19–22 with X and Y.
        var rowOf = geometry.Captions.ToDictionary(c => c.Text, c => c.BaselineY);
        Assert.True(rowOf["1"] < rowOf["6"] && rowOf["6"] < rowOf["13"] && rowOf["13"] < rowOf["19"]);
        Assert.Equal(rowOf["1"], rowOf["5"]);
        Assert.Equal(rowOf["19"], rowOf["Y"]);
        var x = geometry.Placements.Where(p => p.Label is "19" or "21" or "X" or "Y").GroupBy(p => p.Label).ToDictionary(g => g.Key, g => g.Min(p => p.X));
        Assert.True(x["19"] < x["21"] && x["21"] < x["X"] && x["X"] < x["Y"]);
    }

    [Fact]
    public void Homologs_stand_side_by_side_and_a_trisomy_adds_a_third()
    {
        var cell = NormalCell("XX").Append(new LayoutItem(99, "21", 10, 40, 10)).ToList();

        var geometry = KaryogramLayout.Arrange(cell, scale: 1, top: 0);

        var twentyOne = geometry.Placements.Where(p => p.Label == "21").OrderBy(p => p.X).ToList();
        Assert.Equal(3, twentyOne.Count);
        Assert.True(twentyOne[0].X + twentyOne[0].Width < twentyOne[1].X && twentyOne[1].X + twentyOne[1].Width < twentyOne[2].X);
        Assert.Single(geometry.Captions, c => c.Text == "21");
    }

    [Fact]
    public void Every_chromosome_of_a_row_has_its_centromere_on_the_row_line()
    {
        var cell = new[]
        {
            new LayoutItem(0, "1", 10, 100, 50), new LayoutItem(1, "2", 10, 90, 35), new LayoutItem(2, "4", 10, 70, 20),
        };

        var geometry = KaryogramLayout.Arrange(cell, scale: 2, top: 10);

        var lines = geometry.Placements.Select(p => p.Y + (cell[p.Index].CentromereRow * 2)).Distinct().ToList();
        Assert.Single(lines);
        Assert.All(geometry.Placements, p => Assert.Equal(cell[p.Index].Height * 2, p.Height));
    }

    [Fact]
    public void An_artefact_is_placed_after_the_sex_chromosomes_under_its_own_caption()
    {
        var cell = NormalCell("XY").Append(new LayoutItem(46, "artefact", 8, 8, 4)).ToList();

        var geometry = KaryogramLayout.Arrange(cell, scale: 1, top: 0);

        var artefact = geometry.Placements.Single(p => p.Label == "artefact");
        Assert.True(geometry.Placements.Where(p => p.Label != "artefact").All(p => p.Y + p.Height < artefact.Y));
        Assert.Contains(geometry.Captions, c => c.Text == KaryogramLayout.UnplacedCaption);
    }

    [Fact]
    public void A_lost_chromosome_keeps_its_class_caption_and_nothing_overlaps()
    {
        var cell = NormalCell("X").Where(i => !(i.Label == "7" && i.Index % 2 == 0)).ToList();

        var geometry = KaryogramLayout.Arrange(cell, scale: 1.5, top: 0);

        Assert.Single(geometry.Placements, p => p.Label == "7");
        Assert.Equal(24, geometry.Captions.Count);
        for (var i = 0; i < geometry.Placements.Count; i++)
        {
            for (var j = i + 1; j < geometry.Placements.Count; j++)
            {
                Assert.False(Overlap(geometry.Placements[i], geometry.Placements[j]), $"{geometry.Placements[i]} overlaps {geometry.Placements[j]}");
            }
        }

        Assert.All(geometry.Placements, p => Assert.True(p.X >= 0 && p.Y >= 0 && p.X + p.Width <= geometry.Width && p.Y + p.Height <= geometry.Height));
    }

    private static bool Overlap(Placement a, Placement b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    // Two of each autosome sized roughly like real ones, and the given sex chromosomes.
    private static IEnumerable<LayoutItem> NormalCell(string sex)
    {
        var index = 0;
        for (var n = 1; n <= 22; n++)
        {
            var height = 120 - (4 * n);
            yield return new LayoutItem(index++, n.ToString(System.Globalization.CultureInfo.InvariantCulture), 12, height, height / 3);
            yield return new LayoutItem(index++, n.ToString(System.Globalization.CultureInfo.InvariantCulture), 12, height, height / 3);
        }

        foreach (var s in sex)
        {
            yield return new LayoutItem(index++, s.ToString(), 12, s == 'X' ? 80 : 30, 25);
        }
    }
}
