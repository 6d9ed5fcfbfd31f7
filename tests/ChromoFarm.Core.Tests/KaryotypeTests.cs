using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;

namespace ChromoFarm.Core.Tests;

public class KaryotypeTests
{
    [Theory]
    [InlineData("XY", "", "", "46,XY", true)]
    [InlineData("XX", "", "", "46,XX", true)]
    [InlineData("XX", "21", "", "47,XX,+21", false)]   // Down syndrome
    [InlineData("XY", "18", "", "47,XY,+18", false)]   // Edwards
    [InlineData("XY", "13", "", "47,XY,+13", false)]   // Patau
    [InlineData("XX", "13", "", "47,XX,+13", false)]
    [InlineData("X", "", "", "45,X", false)]           // Turner
    [InlineData("XXY", "", "", "47,XXY", false)]       // Klinefelter
    [InlineData("XXX", "", "", "47,XXX", false)]
    [InlineData("XYY", "", "", "47,XYY", false)]
    [InlineData("XXXY", "", "", "48,XXXY", false)]     // Klinefelter variants
    [InlineData("XXYY", "", "", "48,XXYY", false)]
    [InlineData("XX", "", "4", "45,XX,-4", false)]     // a chromosome lost in preparation
    [InlineData("XY", "21,21", "", "48,XY,+21,+21", false)]
    [InlineData("XY", "8", "13", "46,XY,+8,-13", false)]
    [InlineData("XY", "21", "5", "46,XY,-5,+21", false)] // changes are listed in chromosome order
    public void Notation_follows_ISCN(string sex, string gains, string losses, string expected, bool normal)
    {
        var labels = new List<ChromosomeClass>();
        for (var n = 1; n <= 22; n++)
        {
            labels.Add(ChromosomeClass.Autosome(n));
            labels.Add(ChromosomeClass.Autosome(n));
        }

        labels.AddRange(Parse(gains));
        foreach (var loss in Parse(losses))
        {
            labels.Remove(loss);
        }

        labels.AddRange(sex.Select(s => ChromosomeClass.Parse(s.ToString())));

        var karyotype = Karyotype.FromLabels(labels);

        Assert.Equal(expected, karyotype.Notation);
        Assert.Equal(normal, karyotype.IsNormal);
        Assert.Equal(2 + Parse(gains).Count(c => c.Index == 20) - Parse(losses).Count(c => c.Index == 20), karyotype.CopiesOf(ChromosomeClass.Autosome(21)));
    }

    [Fact]
    public void A_cell_without_sex_chromosomes_is_marked_unknown()
    {
        var labels = Enumerable.Range(1, 22).SelectMany(n => new[] { ChromosomeClass.Autosome(n), ChromosomeClass.Autosome(n) });
        Assert.Equal("44,?", Karyotype.FromLabels(labels).Notation);
    }

    [Fact]
    public void Karyotypes_with_the_same_copy_numbers_are_equal_whatever_the_order()
    {
        var a = Karyotype.FromLabels([ChromosomeClass.X, ChromosomeClass.Autosome(1), ChromosomeClass.Y]);
        var b = Karyotype.FromLabels([ChromosomeClass.Y, ChromosomeClass.X, ChromosomeClass.Autosome(1)]);
        Assert.Equal(a, b);
    }

    private static IEnumerable<ChromosomeClass> Parse(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ChromosomeClass.Parse);
}
