using ChromoFarm.Native;
using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public class SyntheticSpreadGeneratorTests
{
    private static readonly SyntheticSpreadOptions Apart = new() { Seed = 7 };

    [Fact]
    public void The_same_seed_gives_identical_pixels_and_truth()
    {
        var options = Apart with { TouchingRate = 0.3, OverlapRate = 0.2 };
        using var first = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, options);
        using var second = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, options);

        Assert.Equal(first.Spread.Image.CopyPixels(), second.Spread.Image.CopyPixels());
        Assert.Equal(first.Spread.Name, second.Spread.Name);
        Assert.Equal(first.Spread.Truth.Count, second.Spread.Truth.Count);
        for (var i = 0; i < first.Spread.Truth.Count; i++)
        {
            var (a, b) = (first.Spread.Truth[i], second.Spread.Truth[i]);
            Assert.Equal(a.Label, b.Label);
            Assert.Equal((a.Mask.X, a.Mask.Y, a.Mask.Width, a.Mask.Height), (b.Mask.X, b.Mask.Y, b.Mask.Width, b.Mask.Height));
            Assert.Equal(a.Mask.Area, a.Mask.Intersection(b.Mask));
        }

        Assert.Equal(first.Chromosomes, second.Chromosomes);
    }

    [Fact]
    public void A_different_seed_gives_a_different_spread()
    {
        using var first = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, Apart);
        using var second = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, Apart with { Seed = 8 });

        Assert.NotEqual(first.Spread.Name, second.Spread.Name);
        Assert.NotEqual(first.Chromosomes.Select(c => c.Degrees), second.Chromosomes.Select(c => c.Degrees));
        var moved = first.Spread.Truth.Zip(second.Spread.Truth).Count(p => (p.First.Mask.X, p.First.Mask.Y) != (p.Second.Mask.X, p.Second.Mask.Y));
        Assert.True(moved > first.Spread.Truth.Count / 2, $"only {moved} chromosomes moved");
    }

    [Fact]
    public void Without_contacts_every_crop_is_drawn_once_with_its_label_and_more_than_the_gap_from_the_others()
    {
        using var spread = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, Apart);
        var truth = spread.Spread.Truth;

        Assert.Equal(SyntheticSpreadSample.Cell.Crops.Count, truth.Count);
        Assert.Equal(SyntheticSpreadSample.Cell.Crops.Select(c => (Domain.ChromosomeClass?)c.Label), truth.Select(t => t.Label));
        for (var i = 0; i < truth.Count; i++)
        {
            for (var j = i + 1; j < truth.Count; j++)
            {
                Assert.False(
                    SyntheticSpreadSample.WithinDistance(truth[i].Mask, truth[j].Mask, Apart.Gap),
                    $"chromosomes {i} and {j} are within {Apart.Gap} px");
            }
        }

        Assert.All(spread.Chromosomes, c => Assert.Equal(ChromosomeContact.None, c.Contact));
        Assert.Equal(0, spread.RealisedTouchingRate);
        Assert.Equal(0, spread.RealisedOverlapRate);
    }

    [Fact]
    public void Turning_keeps_each_chromosomes_area_within_four_percent()
    {
        using var spread = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, Apart);

        Assert.All(
            spread.Spread.Truth.Zip(spread.Chromosomes),
            p => Assert.InRange(p.First.Mask.Area, p.Second.CropArea * 0.96, p.Second.CropArea * 1.04));
        // A Pki-3 chromosome is hundreds of pixels; a tiny mask would mean the silhouette caught grain.
        Assert.All(spread.Chromosomes, c => Assert.True(c.CropArea > 100, $"{c.Crop.RelativePath}: {c.CropArea} px"));
    }

    [Fact]
    public void Half_touching_gives_about_half_touching_chromosomes_that_are_adjacent_without_overlap()
    {
        using var spread = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, Apart with { TouchingRate = 0.5 });
        var measured = SyntheticSpreadSample.MeasuredContacts(spread.Spread.Truth);

        Assert.Equal(measured, spread.Chromosomes.Select(c => c.Contact));
        Assert.DoesNotContain(ChromosomeContact.Overlapping, measured);
        var touching = measured.Count(c => c == ChromosomeContact.Touching) / (double)measured.Length;
        Assert.InRange(touching, 0.35, 0.65);
        Assert.Equal(touching, spread.RealisedTouchingRate);
    }

    [Fact]
    public void An_overlap_rate_gives_chromosomes_that_share_pixels_with_another_but_are_not_hidden_by_it()
    {
        using var spread = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, Apart with { OverlapRate = 0.3 });
        var truth = spread.Spread.Truth;
        var measured = SyntheticSpreadSample.MeasuredContacts(truth);

        Assert.Equal(measured, spread.Chromosomes.Select(c => c.Contact));
        Assert.DoesNotContain(ChromosomeContact.Touching, measured);
        Assert.InRange(spread.RealisedOverlapRate, 0.15, 0.45);
        for (var i = 0; i < truth.Count; i++)
        {
            for (var j = i + 1; j < truth.Count; j++)
            {
                var shared = truth[i].Mask.Intersection(truth[j].Mask);
                Assert.True(shared <= 0.5 * Math.Min(truth[i].Mask.Area, truth[j].Mask.Area), $"chromosomes {i} and {j} share {shared} px");
            }
        }
    }

    [Fact]
    public void Every_truth_pixel_is_darker_than_the_background_and_the_background_is_white()
    {
        using var spread = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, Apart with { TouchingRate = 0.3, OverlapRate = 0.2, NoiseSigma = 0 });
        var image = spread.Spread.Image;
        var pixels = image.CopyPixels();
        var covered = new bool[pixels.Length];
        foreach (var instance in spread.Spread.Truth)
        {
            var mask = instance.Mask;
            for (var y = mask.Y; y < mask.Y + mask.Height; y++)
            {
                for (var x = mask.X; x < mask.X + mask.Width; x++)
                {
                    if (mask.Contains(x, y))
                    {
                        Assert.True(pixels[(y * image.Width) + x] < 255, $"truth pixel ({x}, {y}) is background-white");
                        covered[(y * image.Width) + x] = true;
                    }
                }
            }
        }

        // Away from every chromosome (not even its one-pixel rim) nothing is drawn.
        var dilated = Enumerable.Range(0, pixels.Length).Where(i => !covered[i] && !NearCovered(covered, image.Width, image.Height, i));
        Assert.All(dilated, i => Assert.Equal(255, pixels[i]));
    }

    [Fact]
    public void Light_on_dark_is_the_inverse_of_dark_on_light()
    {
        using var dark = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, Apart);
        using var light = SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, Apart with { Polarity = Polarity.LightOnDark });

        Assert.Equal(dark.Spread.Image.CopyPixels().Select(p => (byte)(255 - p)), light.Spread.Image.CopyPixels());
    }

    [Fact]
    public void A_canvas_with_no_room_fails_and_says_so()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => SyntheticSpreadGenerator.Generate(SyntheticSpreadSample.Cell, Apart with { CanvasWidth = 200, CanvasHeight = 150 }));
        Assert.Contains("no room", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.7, 0.4)]
    [InlineData(-0.1, 0)]
    [InlineData(0, 1.5)]
    [InlineData(double.NaN, 0)]
    public void Rates_outside_zero_to_one_or_summing_over_one_are_refused(double touching, double overlap)
    {
        var options = Apart with { TouchingRate = touching, OverlapRate = overlap };
        Assert.ThrowsAny<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Other_settings_out_of_range_are_refused()
    {
        Assert.ThrowsAny<ArgumentException>((Apart with { Gap = 1 }).Validate);
        Assert.ThrowsAny<ArgumentException>((Apart with { Polarity = Polarity.Auto }).Validate);
        Assert.ThrowsAny<ArgumentException>((Apart with { CanvasWidth = 800 }).Validate);
        Assert.ThrowsAny<ArgumentException>((Apart with { NoiseSigma = -1 }).Validate);
        (Apart with { TouchingRate = 0.6, OverlapRate = 0.4 }).Validate();
    }

    private static bool NearCovered(bool[] covered, int width, int height, int index)
    {
        var (x, y) = (index % width, index / width);
        for (var dy = -1; dy <= 1; dy++)
        {
            for (var dx = -1; dx <= 1; dx++)
            {
                var (nx, ny) = (x + dx, y + dy);
                if (nx >= 0 && ny >= 0 && nx < width && ny < height && covered[(ny * width) + nx])
                {
                    return true;
                }
            }
        }

        return false;
    }
}
