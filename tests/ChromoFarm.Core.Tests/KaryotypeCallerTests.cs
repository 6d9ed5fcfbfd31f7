using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using static ChromoFarm.Core.Tests.CellBuilder;

namespace ChromoFarm.Core.Tests;

public class KaryotypeCallerTests
{
    private static readonly CopyNumberPriors Priors = CopyNumberPriorsFile.Default;

    private readonly KaryotypeCaller caller = new(Priors);

    [Fact]
    public void A_confident_normal_cell_is_called_without_review()
    {
        var call = caller.Call(NormalCell("XY", 0.95f));

        Assert.Equal("46,XY", call.Karyotype.Notation);
        Assert.True(call.Confidence > 0.99, $"confidence {call.Confidence}");
        Assert.Equal(ReviewReasons.None, call.Reasons);
        Assert.False(call.NeedsReview);
        Assert.Equal(0, call.LowConfidenceChromosomes);
    }

    [Fact]
    public void A_confident_trisomy_21_is_flagged_for_its_count_and_karyotype_only()
    {
        var cell = NormalCell("XX");
        cell.Add(Confident("21"));

        var call = caller.Call(cell);

        Assert.Equal("47,XX,+21", call.Karyotype.Notation);
        Assert.Equal(ReviewReasons.AbnormalCount | ReviewReasons.AbnormalKaryotype, call.Reasons);
        Assert.NotNull(call.Alternative);
    }

    [Fact]
    public void A_chromosome_split_evenly_between_X_and_Y_makes_the_call_ambiguous()
    {
        // Equal evidence for XX and XY: only the complement prior separates them, so the gap between the two calls is
        // ln(P(XX) / P(XY)) and the confidence is close to P(XX) / (P(XX) + P(XY)).
        var cell = NormalCell("X");
        cell.Add(Row(("X", 0.45f), ("Y", 0.45f)));
        var gap = Math.Abs(Priors.ComplementCost(1, 1) - Priors.ComplementCost(2, 0));

        var call = caller.Call(cell);

        var calls = new[] { call.Karyotype.Notation, call.Alternative?.Karyotype.Notation };
        Assert.Equal(["46,XX", "46,XY"], calls.Order());
        Assert.True(call.Reasons.HasFlag(ReviewReasons.AmbiguousCall), call.Reasons.ToString());
        Assert.InRange(call.Confidence, 0.1, 0.9);
        var twoWay = 1 / (1 + Math.Exp(-gap));
        Assert.InRange(call.Confidence, twoWay - 0.01, twoWay + 1e-9); // other calls only take a little more away
        Assert.Equal(gap, call.Alternative!.CostGap, 6);
    }

    [Fact]
    public void Chromosomes_assigned_below_the_threshold_are_counted()
    {
        var call = caller.Call(CellWithTwoDoubtfulChromosomes());

        Assert.Equal("46,XY", call.Karyotype.Notation);
        Assert.Equal(2, call.LowConfidenceChromosomes);
        Assert.Equal(ReviewReasons.LowConfidenceChromosomes, call.Reasons);
    }

    [Fact]
    public void Segmentation_review_is_passed_through_as_a_reason()
    {
        var call = caller.Call(NormalCell("XY", 0.95f), segmentationReview: true);

        Assert.Equal(ReviewReasons.SegmentationReview, call.Reasons);
        Assert.True(call.NeedsReview);
    }

    [Theory]
    [InlineData(0.5, 2)]
    [InlineData(0.42, 1)] // only the 7 at 0.40 is below
    [InlineData(0.3, 0)]
    public void The_low_confidence_threshold_comes_from_the_options(double threshold, int expected)
    {
        var call = new KaryotypeCaller(Priors, new KaryotypeCallOptions { LowChromosomeConfidence = threshold })
            .Call(CellWithTwoDoubtfulChromosomes());

        Assert.Equal(expected, call.LowConfidenceChromosomes);
        Assert.Equal(expected > 0, call.Reasons.HasFlag(ReviewReasons.LowConfidenceChromosomes));
    }

    [Fact]
    public void The_ambiguity_threshold_comes_from_the_options()
    {
        var cell = NormalCell("XX");
        cell.Add(Confident("21"));
        var even = NormalCell("X");
        even.Add(Row(("X", 0.45f), ("Y", 0.45f)));

        var strict = new KaryotypeCaller(Priors, new KaryotypeCallOptions { AmbiguousBelow = 0.999_999 }).Call(cell);
        var lenient = new KaryotypeCaller(Priors, new KaryotypeCallOptions { AmbiguousBelow = 0.4 }).Call(even);

        Assert.True(strict.Reasons.HasFlag(ReviewReasons.AmbiguousCall), $"confidence {strict.Confidence}");
        Assert.False(lenient.Reasons.HasFlag(ReviewReasons.AmbiguousCall), $"confidence {lenient.Confidence}");
    }

    [Fact]
    public void An_empty_cell_is_called_without_throwing_and_without_confidence()
    {
        var call = caller.Call([]);

        Assert.Equal(0, call.Karyotype.ChromosomeCount);
        Assert.Empty(call.Assignment.Labels);
        Assert.Equal(0, call.Confidence);
        Assert.True(call.Reasons.HasFlag(ReviewReasons.AbnormalCount));
        Assert.True(call.Reasons.HasFlag(ReviewReasons.AmbiguousCall));
    }

    // A normal XY cell in which one 7 (0.40, 8 at 0.30) and one 3 (0.45, 4 at 0.35) are doubtful but still win.
    private static List<float[]> CellWithTwoDoubtfulChromosomes()
    {
        var cell = NormalCell("XY", 0.95f);
        cell[cell.FindIndex(row => row[ChromosomeClass.Autosome(7).Index] > 0.9f)] = Row(("7", 0.40f), ("8", 0.30f));
        cell[cell.FindIndex(row => row[ChromosomeClass.Autosome(3).Index] > 0.9f)] = Row(("3", 0.45f), ("4", 0.35f));
        return cell;
    }
}
