using ChromoFarm.Screening;

namespace ChromoFarm.Core.Tests.Screening;

public class SpreadScreenTests
{
    private static readonly ImageStatistics Smooth = new(255, true, 0.05, 0.3, 0.3, 0.10);

    // Chromosomes 20 px long on a 40 px grid, lying every which way: boxes 20 to 30 px apart, within one gap (2.5 × 20).
    private static IEnumerable<SpreadObject> Metaphase(int count, int originX = 0, bool upright = false) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var (w, h) = upright ? (8, 20) : (i % 3) switch { 0 => (20, 8), 1 => (8, 20), _ => (15, 15) };
            return new SpreadObject(originX + (i % 7) * 40, (i / 7) * 40, w, h, w * h / 2, 20);
        });

    [Fact]
    public void One_metaphase_of_46_is_kept_whole()
    {
        var verdict = new SpreadScreen().Screen(Metaphase(46).ToArray(), Smooth);

        Assert.False(verdict.Refused);
        Assert.Equal(Enumerable.Range(0, 46), verdict.Keep);
        Assert.Equal(0, verdict.OtherMetaphases);
    }

    [Fact]
    public void A_second_metaphase_far_away_is_set_aside_and_counted()
    {
        var objects = Metaphase(46).Concat(Metaphase(20, originX: 2000)).ToArray();

        var verdict = new SpreadScreen().Screen(objects, Smooth);

        Assert.False(verdict.Refused);
        Assert.Equal(Enumerable.Range(0, 46), verdict.Keep);
        Assert.Equal(1, verdict.OtherMetaphases);
        Assert.Equal(20, verdict.SetAside);
    }

    [Fact]
    public void A_few_distant_objects_are_debris_kept_with_the_metaphase_not_another_one()
    {
        var objects = Metaphase(46).Concat(Metaphase(3, originX: 2000)).ToArray();

        var verdict = new SpreadScreen().Screen(objects, Smooth);

        Assert.Equal(49, verdict.Keep.Count);
        Assert.Equal(0, verdict.OtherMetaphases);
    }

    [Fact]
    public void Too_few_objects_are_no_whole_metaphase()
    {
        var verdict = new SpreadScreen().Screen(Metaphase(5).ToArray(), Smooth);

        Assert.Equal("not a whole metaphase: 5 objects (fewer than 12)", verdict.Refusal);
        Assert.Empty(verdict.Keep);
    }

    [Fact]
    public void Hundreds_of_objects_are_noise_or_debris()
    {
        var verdict = new SpreadScreen().Screen(Metaphase(214).ToArray(), Smooth);

        Assert.StartsWith("not a metaphase: 214 objects", verdict.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rough_image_is_refused_as_noise_before_its_objects_are_counted()
    {
        var noisy = Smooth with { Roughness = 0.41 };

        var verdict = new SpreadScreen().Screen(Metaphase(46).ToArray(), noisy);

        Assert.Equal("not a metaphase: the image is noise-like (roughness 0.41, chromosomes are below 0.25)", verdict.Refusal);
    }

    [Fact]
    public void Chromosomes_standing_upright_in_rows_are_a_karyogram_sheet()
    {
        var verdict = new SpreadScreen().Screen(Metaphase(46, upright: true).ToArray(), Smooth);

        Assert.StartsWith("not a metaphase: 46 of 46 chromosomes stand upright", verdict.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bounds_come_from_the_options()
    {
        var strict = new SpreadScreen(new ScreeningOptions { MinObjects = 40 });

        Assert.True(strict.Screen(Metaphase(39).ToArray(), Smooth).Refused);
        Assert.False(strict.Screen(Metaphase(40).ToArray(), Smooth).Refused);
    }
}
