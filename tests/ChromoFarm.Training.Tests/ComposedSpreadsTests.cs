using ChromoFarm.Domain;
using ChromoFarm.Native;
using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

/// <summary>
/// Spreads composed from a hand-drawn fluorescence spread: of its five annotated bars only one is
/// clean (apart, inside the image, its mask on its pixels), so every composed chromosome is that bar.
/// </summary>
public sealed class ComposedSpreadsTests
{
    private const int Width = 120;
    private const int Height = 80;
    private const byte Level = 10;
    private const byte Bright = 110;

    // The clean bar: 10 x 24 at (10, 10), class 7.
    private const int BarArea = 10 * 24;
    private static readonly ChromosomeClass s_barClass = new(6);

    private static readonly ComposedSpreadOptions s_options = new() { Count = 3, Chromosomes = 5, Seed = 11 };

    [Fact]
    public void Every_composed_chromosome_is_the_one_clean_bar_over_the_source_background()
    {
        var set = SpreadSet.ComposedFrom(Source(), s_options);

        Assert.Equal(SpreadSet.Composed, set.Kind);
        Assert.Equal(3, set.Spreads.Count);
        Assert.All(set.Spreads, source => Assert.False(source.HeldOut));
        foreach (var source in set.Spreads)
        {
            using var spread = source.Load();
            Assert.Equal(5, spread.Truth.Count);
            Assert.All(spread.Truth, truth => Assert.Equal(s_barClass, truth.Label));
            // Turning a bar nearest-neighbour keeps its area to within its outline.
            Assert.All(spread.Truth, truth => Assert.InRange(truth.Mask.Area, BarArea * 0.85, BarArea * 1.15));

            var pixels = spread.Image.CopyPixels();
            var (covered, uncovered) = Split(spread, pixels, cover: 1, erode: true);
            // The source's background is exactly 10, so the noise is the 0.5 floor.
            Assert.InRange(Median(uncovered), Level - 1, Level + 1);
            // Inside a mask, away from its edge, the bar's emission (100) sits on the background.
            Assert.InRange(Median(covered), Bright - 3, Bright + 3);
        }
    }

    [Fact]
    public void Where_two_chromosomes_overlap_their_emission_adds_up()
    {
        var options = s_options with { Count = 8, MaxTouchingRate = 0, MaxOverlapRate = 1 };
        var doubled = new List<byte>();
        foreach (var source in SpreadSet.ComposedFrom(Source(), options).Spreads)
        {
            using var spread = source.Load();
            doubled.AddRange(Split(spread, spread.Image.CopyPixels(), cover: 2, erode: false).Covered);
        }

        Assert.NotEmpty(doubled);
        // One bar gives at most 110; two give up to 210 where both are at full strength (crossings are
        // a few pixels deep, so some of them lie on a blurred edge).
        Assert.InRange(doubled.Max(), Bright + 40, Level + (2 * (Bright - Level)) + 3);
    }

    [Fact]
    public void The_same_seed_composes_the_same_spread_and_the_next_one_another()
    {
        var first = SpreadSet.ComposedFrom(Source(), s_options).Spreads;
        var again = SpreadSet.ComposedFrom(Source(), s_options).Spreads;

        using var a = first[0].Load();
        using var b = again[0].Load();
        using var c = first[1].Load();
        Assert.Equal(a.Name, b.Name);
        Assert.Equal(a.Image.CopyPixels(), b.Image.CopyPixels());
        Assert.NotEqual(a.Name, c.Name);
    }

    [Fact]
    public void Held_out_images_are_never_read()
    {
        var source = Source();
        var heldOut = new SpreadSource("held-out", true, () => throw new InvalidOperationException("a held-out spread was read"));
        var set = SpreadSet.ComposedFrom(source with { Spreads = [.. source.Spreads, heldOut] }, s_options);

        using var spread = set.Spreads[0].Load();

        Assert.Equal(5, spread.Truth.Count);
    }

    [Fact]
    public void Tuning_images_without_a_clean_chromosome_are_refused_when_the_first_spread_is_loaded()
    {
        var crowded = new SpreadSet(SpreadSet.Mfish, [new SpreadSource("crowded", false, () => Spread(cleanBar: false))]);

        var set = SpreadSet.ComposedFrom(crowded, s_options);

        var error = Assert.Throws<InvalidOperationException>(() => set.Spreads[0].Load());
        Assert.Contains("no isolated annotated chromosome", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_fluorescence_sets_are_composed_from_and_the_options_are_checked()
    {
        var labelme = new SpreadSet(SpreadSet.Labelme, []);

        Assert.Throws<ArgumentException>(() => SpreadSet.ComposedFrom(labelme, s_options));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpreadSet.ComposedFrom(Source(), s_options with { Count = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpreadSet.ComposedFrom(Source(), s_options with { MaxTouchingRate = 0.9, MaxOverlapRate = 0.2 }));
    }

    private static SpreadSet Source() => new(SpreadSet.Mfish, [new SpreadSource("drawn", false, () => Spread(cleanBar: true))]);

    /// <summary>
    /// Background 10 with bars of 110: the clean one (if asked for); two that touch; one whose mask
    /// was drawn 8 px beside it; one cut by the image edge.
    /// </summary>
    private static AnnotatedSpread Spread(bool cleanBar)
    {
        var pixels = Enumerable.Repeat(Level, Width * Height).ToArray();
        var truth = new List<TruthInstance>();
        void Bar(int x, int y, int width, int height, int maskShift = 0)
        {
            for (var v = y; v < y + height; v++)
            {
                for (var u = x; u < x + width; u++)
                {
                    pixels[(v * Width) + u] = Bright;
                }
            }

            truth.Add(new TruthInstance(Masks.Box(x + maskShift, y, width, height), s_barClass));
        }

        if (cleanBar)
        {
            Bar(10, 10, 10, 24);
        }

        Bar(60, 10, 6, 20);
        Bar(66, 12, 6, 20);
        Bar(40, 50, 6, 20, maskShift: 8);
        Bar(0, 40, 6, 20);
        return new AnnotatedSpread("drawn", GreyImage.FromPixels(pixels, Width, Height), truth);
    }

    /// <summary>
    /// Pixels covered by at least <paramref name="cover"/> truth masks (with <paramref name="erode"/>, their
    /// 4-neighbours too, so edges do not count); and pixels no mask comes within 2 px of.
    /// </summary>
    private static (List<byte> Covered, List<byte> Uncovered) Split(AnnotatedSpread spread, byte[] pixels, int cover, bool erode)
    {
        int width = spread.Image.Width, height = spread.Image.Height;
        int Count(int x, int y) => spread.Truth.Count(t => t.Mask.Contains(x, y));
        var covered = new List<byte>();
        var uncovered = new List<byte>();
        for (var y = 2; y < height - 2; y++)
        {
            for (var x = 2; x < width - 2; x++)
            {
                if (Count(x, y) >= cover && (!erode || (Count(x - 1, y) >= cover && Count(x + 1, y) >= cover && Count(x, y - 1) >= cover && Count(x, y + 1) >= cover)))
                {
                    covered.Add(pixels[(y * width) + x]);
                }
                else if (Enumerable.Range(-2, 5).All(d => Count(x + d, y) == 0 && Count(x, y + d) == 0))
                {
                    uncovered.Add(pixels[(y * width) + x]);
                }
            }
        }

        return (covered, uncovered);
    }

    private static double Median(List<byte> values) => values.Order().ElementAt(values.Count / 2);
}
