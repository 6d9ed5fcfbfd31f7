using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public class TilePlanTests
{
    [Fact]
    public void Unbalanced_every_image_gives_its_tiles_whatever_its_set()
    {
        var plan = TilePlan.Epoch([1, 3], tilesPerImage: 2, balance: false);

        Assert.Equal([(0, 0), (1, 0), (1, 1), (1, 2), (0, 0), (1, 0), (1, 1), (1, 2)], plan);
    }

    [Fact]
    public void Balanced_the_sets_take_turns_and_a_small_set_repeats_its_images()
    {
        var plan = TilePlan.Epoch([1, 3], tilesPerImage: 2, balance: true);

        // 8 tiles in all, 4 for each set: the one-image set repeats it, the other goes round 0, 1, 2, 0.
        Assert.Equal([(0, 0), (1, 0), (0, 0), (1, 1), (0, 0), (1, 2), (0, 0), (1, 0)], plan);
    }

    [Fact]
    public void Balanced_an_empty_set_gets_no_turn_and_the_total_is_kept()
    {
        var plan = TilePlan.Epoch([2, 0, 1], tilesPerImage: 1, balance: true);

        Assert.Equal([(0, 0), (2, 0), (0, 1)], plan);
    }

    [Fact]
    public void Balanced_shares_match_for_the_shipped_sets()
    {
        // M-FISH's 53 tuning images beside BioImLab's 103, four tiles each.
        var plan = TilePlan.Epoch([53, 103], tilesPerImage: 4, balance: true);

        Assert.Equal(624, plan.Length);
        Assert.Equal(312, plan.Count(p => p.Set == 0));
        Assert.Equal(312, plan.Count(p => p.Set == 1));
        Assert.Equal(53, plan.Where(p => p.Set == 0).Select(p => p.Image).Distinct().Count());
        Assert.Equal(103, plan.Where(p => p.Set == 1).Select(p => p.Image).Distinct().Count());
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePlan.Epoch([1], tilesPerImage: 0, balance: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => TilePlan.Epoch([1, -1], tilesPerImage: 1, balance: false));
        Assert.Throws<ArgumentNullException>(() => TilePlan.Epoch(null!, tilesPerImage: 1, balance: false));
    }
}
