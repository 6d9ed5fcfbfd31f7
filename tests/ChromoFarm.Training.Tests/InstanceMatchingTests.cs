using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public sealed class InstanceMatchingTests
{
    [Fact]
    public void An_identical_prediction_matches_with_IoU_1()
    {
        var matching = InstanceMatching.Match([Masks.Box(0, 0, 10, 10)], [Masks.Box(0, 0, 10, 10)]);

        Assert.Equal((0, 0, 1.0), Assert.Single(matching.Matches));
        Assert.Equal(0, matching.Merges);
        Assert.Equal(0, matching.Splits);
        Assert.Empty(matching.MergedPredictions);
    }

    [Fact]
    public void A_square_shifted_by_half_its_width_overlaps_a_third_and_does_not_match()
    {
        var truth = Masks.Box(0, 0, 10, 10);
        var shifted = Masks.Box(5, 0, 10, 10);

        var matching = InstanceMatching.Match([truth], [shifted]);

        // 5 × 10 shared of 150 covered.
        Assert.Equal(1.0 / 3, truth.IoU(shifted), 12);
        Assert.Empty(matching.Matches);
    }

    [Fact]
    public void A_square_shifted_by_two_pixels_overlaps_two_thirds_and_matches()
    {
        var matching = InstanceMatching.Match([Masks.Box(0, 0, 10, 10)], [Masks.Box(2, 0, 10, 10)]);

        // 8 × 10 shared of 120 covered.
        var (truth, predicted, iou) = Assert.Single(matching.Matches);
        Assert.Equal((0, 0), (truth, predicted));
        Assert.Equal(2.0 / 3, iou, 12);
    }

    [Fact]
    public void A_lower_threshold_lets_the_third_overlap_match()
    {
        var matching = InstanceMatching.Match([Masks.Box(0, 0, 10, 10)], [Masks.Box(5, 0, 10, 10)], threshold: 0.3);

        Assert.Equal(1.0 / 3, Assert.Single(matching.Matches).IoU, 12);
    }

    [Fact]
    public void One_prediction_over_two_chromosomes_is_a_merge_and_matches_neither()
    {
        // Two 10 × 10 truths with a 2-pixel gap; the prediction covers both and the gap: IoU 100/220 each.
        var truth = new[] { Masks.Box(0, 0, 10, 10), Masks.Box(12, 0, 10, 10) };
        var predicted = new[] { Masks.Box(50, 50, 5, 5), Masks.Box(0, 0, 22, 10) };

        var matching = InstanceMatching.Match(truth, predicted);

        Assert.Empty(matching.Matches);
        Assert.Equal(1, matching.Merges);
        Assert.Equal(1, Assert.Single(matching.MergedPredictions));
        Assert.Equal(0, matching.Splits);
    }

    [Fact]
    public void At_exactly_the_threshold_a_merge_still_matches_only_one_of_its_chromosomes()
    {
        // Two touching 10 × 10 truths under one 20 × 10 prediction: IoU 0.5 with each.
        var matching = InstanceMatching.Match([Masks.Box(0, 0, 10, 10), Masks.Box(10, 0, 10, 10)], [Masks.Box(0, 0, 20, 10)]);

        Assert.Equal(0.5, Assert.Single(matching.Matches).IoU);
        Assert.Equal(1, matching.Merges);
    }

    [Fact]
    public void A_chromosome_cut_into_two_pieces_is_one_split()
    {
        // A 10 × 10 truth cut into 4 and 6 columns: IoU 0.4 and 0.6, each piece wholly inside.
        var predicted = new[] { Masks.Box(0, 0, 4, 10), Masks.Box(4, 0, 6, 10) };

        var matching = InstanceMatching.Match([Masks.Box(0, 0, 10, 10)], predicted);

        Assert.Equal(1, matching.Splits);
        Assert.Equal(0, matching.Merges);
        var (truth, piece, iou) = Assert.Single(matching.Matches);
        Assert.Equal((0, 1), (truth, piece));
        Assert.Equal(0.6, iou, 12);
    }

    [Fact]
    public void A_chromosome_cut_into_two_small_pieces_is_a_split_without_a_match()
    {
        var predicted = new[] { Masks.Box(0, 0, 4, 10), Masks.Box(6, 0, 4, 10) };

        var matching = InstanceMatching.Match([Masks.Box(0, 0, 10, 10)], predicted);

        Assert.Empty(matching.Matches);
        Assert.Equal(1, matching.Splits);
    }

    [Fact]
    public void Two_good_predictions_of_one_chromosome_match_it_once_and_the_better_one_wins()
    {
        // Both overlap the truth at IoU ≥ 0.5: the shifted one 90/110, the exact one 1. The worse one comes first.
        var predicted = new[] { Masks.Box(1, 0, 10, 10), Masks.Box(0, 0, 10, 10) };

        var matching = InstanceMatching.Match([Masks.Box(0, 0, 10, 10)], predicted);

        Assert.Equal((0, 1, 1.0), Assert.Single(matching.Matches));
    }

    [Fact]
    public void Each_chromosome_matches_its_own_prediction_whatever_the_order()
    {
        var truth = new[] { Masks.Box(0, 0, 10, 10), Masks.Box(20, 0, 10, 10), Masks.Box(40, 0, 10, 10) };
        var predicted = new[] { Masks.Box(41, 0, 10, 10), Masks.Box(0, 0, 10, 10), Masks.Box(100, 100, 3, 3) };

        var matching = InstanceMatching.Match(truth, predicted);

        Assert.Equal([(0, 1), (2, 0)], matching.Matches.Select(m => (m.Truth, m.Predicted)).Order());
    }

    [Fact]
    public void Nothing_predicted_matches_nothing()
    {
        var matching = InstanceMatching.Match([Masks.Box(0, 0, 10, 10)], []);

        Assert.Empty(matching.Matches);
        Assert.Equal((0, 0), (matching.Merges, matching.Splits));
    }
}
