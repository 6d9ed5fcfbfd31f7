using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;

namespace ChromoFarm.Core.Tests;

public class CopyNumberPriorsTests
{
    [Fact]
    public void Slot_costs_keep_the_odds_between_one_two_and_three_copies_exact()
    {
        // −ln P(1) + ln P(0) = ln(1e-5 / 0.002) ≈ −5.30 is dearer than the second copy's ln(0.002 / 0.997) ≈ −6.21,
        // which the assignment cannot express (it fills the cheapest slot first), so the first copy is lowered to it.
        var priors = TestPriors.SameForEveryAutosome(1e-5, 0.002, 0.997, 0.001);

        var costs = priors.AutosomeSlotCosts(ChromosomeClass.Autosome(21));

        var second = -Math.Log(0.997) + Math.Log(0.002);
        var third = -Math.Log(0.001) + Math.Log(0.997);
        Assert.Equal([second, second, third], costs);
        Assert.True(-Math.Log(0.002) + Math.Log(1e-5) > second);
    }

    [Fact]
    public void Slot_costs_that_already_rise_are_kept_as_they_are()
    {
        var priors = TestPriors.SameForEveryAutosome(0.4, 0.3, 0.2, 0.1);

        var costs = priors.AutosomeSlotCosts(ChromosomeClass.Autosome(1));

        Assert.Equal([Math.Log(0.4 / 0.3), Math.Log(0.3 / 0.2), Math.Log(0.2 / 0.1)], costs, new Tolerance(1e-12));
    }

    [Fact]
    public void Lowering_carries_down_from_the_third_copy_to_the_first()
    {
        // P(3) > P(2): the third copy is cheaper than the second, which is cheaper than the first.
        var priors = TestPriors.SameForEveryAutosome(0.25, 0.25, 0.1, 0.4);

        var costs = priors.AutosomeSlotCosts(ChromosomeClass.Autosome(1));

        var third = Math.Log(0.1 / 0.4);
        Assert.Equal([third, third, third], costs, new Tolerance(1e-12));
    }

    [Fact]
    public void Slot_costs_never_decrease_for_any_autosome_of_the_default_priors()
    {
        var priors = CopyNumberPriorsFile.Default;

        Assert.All(ChromosomeClass.All.Where(c => c.IsAutosome), autosome =>
        {
            var costs = priors.AutosomeSlotCosts(autosome);
            var p = priors.Autosomes[autosome.Index];
            Assert.True(costs[0] <= costs[1] && costs[1] <= costs[2], $"{autosome}: {string.Join(", ", costs)}");
            Assert.Equal(Math.Log(p[2] / p[3]), costs[2], 9);
        });
    }

    [Fact]
    public void Sex_chromosomes_have_no_slot_costs()
    {
        var priors = TestPriors.SameForEveryAutosome(0.25, 0.25, 0.25, 0.25);

        Assert.Throws<ArgumentException>(() => priors.AutosomeSlotCosts(ChromosomeClass.X));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4, 0)]
    [InlineData(1, 3)]
    public void A_complement_outside_the_considered_ones_is_impossible(int x, int y)
    {
        Assert.Equal(double.PositiveInfinity, CopyNumberPriorsFile.Default.ComplementCost(x, y));
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= epsilon;

        public int GetHashCode(double value) => 0;
    }
}
