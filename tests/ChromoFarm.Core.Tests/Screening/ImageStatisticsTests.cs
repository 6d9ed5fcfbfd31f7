using ChromoFarm.Screening;

namespace ChromoFarm.Core.Tests.Screening;

public class ImageStatisticsTests
{
    // A 10×10 image of one value with a 4×4 block at (3,3) whose columns are given.
    private static byte[] Block(byte background, params byte[] columns)
    {
        var pixels = Enumerable.Repeat(background, 100).ToArray();
        for (var y = 3; y < 7; y++)
        {
            for (var x = 0; x < 4; x++)
            {
                pixels[y * 10 + 3 + x] = columns[x % columns.Length];
            }
        }

        return pixels;
    }

    [Fact]
    public void A_dark_block_on_white_is_a_light_background_with_its_share_and_contrast()
    {
        var statistics = ImageStatistics.Measure(Block(200, 100), 10, 10);

        Assert.Equal(200, statistics.BackgroundLevel);
        Assert.True(statistics.LightBackground);
        Assert.Equal(0.16, statistics.ForegroundFraction, 6); // 16 of 100 pixels
        Assert.Equal(100 / 255.0, statistics.Contrast, 6); // signal 200 − 100
        Assert.Equal(0, statistics.Banding, 6); // one level: no variation
        Assert.Equal(0, statistics.Roughness, 6);
        Assert.Equal(Stain.GBand, StainRule.Of(statistics));
    }

    [Fact]
    public void Alternating_columns_on_black_give_banding_and_roughness_by_hand()
    {
        // Signals 100 and 50 alternate: mean 75, deviation 25 (banding 1/3); every horizontal step is 50 (roughness 50/75).
        var statistics = ImageStatistics.Measure(Block(10, 110, 60), 10, 10);

        Assert.False(statistics.LightBackground);
        Assert.Equal(0.16, statistics.ForegroundFraction, 6);
        Assert.Equal(75 / 255.0, statistics.Contrast, 6);
        Assert.Equal(1 / 3.0, statistics.Banding, 6);
        Assert.Equal(2 / 3.0, statistics.Roughness, 6);
        Assert.Equal(Stain.Fluorescence, StainRule.Of(statistics));
    }

    [Fact]
    public void A_blank_image_has_no_foreground_and_no_stain()
    {
        var statistics = ImageStatistics.Measure(Enumerable.Repeat((byte)128, 100).ToArray(), 10, 10);

        Assert.Equal(0, statistics.ForegroundFraction);
        Assert.Equal(Stain.Unknown, StainRule.Of(statistics));
    }

    [Fact]
    public void Faint_sensor_noise_below_the_floor_is_not_foreground()
    {
        // Steps of at most 8 grey levels over a light background: Otsu alone would call half of them foreground.
        var pixels = Enumerable.Range(0, 100).Select(i => (byte)(i % 2 == 0 ? 250 : 242)).ToArray();

        Assert.Equal(0, ImageStatistics.Measure(pixels, 10, 10).ForegroundFraction);
    }

    [Fact]
    public void Otsu_splits_two_levels_between_them()
    {
        var histogram = new long[256];
        histogram[20] = 50;
        histogram[200] = 50;

        var threshold = ImageStatistics.Otsu(histogram);

        Assert.InRange(threshold, 20, 199);
    }

    [Fact]
    public void Pixels_that_do_not_fill_the_size_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ImageStatistics.Measure(new byte[99], 10, 10));
    }
}
