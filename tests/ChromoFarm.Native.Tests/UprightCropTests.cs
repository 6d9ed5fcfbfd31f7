namespace ChromoFarm.Native.Tests;

/// <summary>
/// GreyImage.Upright, the karyogram's view of a crop, and EncodePng, which the worker uses to store the chromosomes it cuts
/// out of a spread: synthetic bars whose answer is known, and real crops of both stains.
/// </summary>
public class UprightCropTests
{
    [Fact]
    public void A_horizontal_dark_bar_stands_up_dark_on_white_cut_to_the_bar_and_margin()
    {
        using var bar = Bar(width: 40, height: 8, lightOnDark: false);

        using var upright = bar.Upright(margin: 3);

        Assert.InRange(upright.Height, 40, 40 + 6 + 2);
        Assert.InRange(upright.Width, 8, 8 + 6 + 2);
        var pixels = upright.CopyPixels();
        Assert.Equal(255, pixels[0]);
        Assert.True(pixels[(upright.Height / 2 * upright.Width) + (upright.Width / 2)] < 100);
    }

    [Fact]
    public void A_bright_bar_on_black_comes_out_dark_on_white_like_a_g_band_crop()
    {
        using var bar = Bar(width: 40, height: 8, lightOnDark: true);

        using var upright = bar.Upright();

        Assert.False(upright.Measure().LightOnDark);
        Assert.True(upright.Height > 3 * upright.Width, $"{upright.Width}x{upright.Height}");
    }

    [Theory]
    [InlineData("pki3/97002023.12/clase1_0_97002023.12.tiff")]
    [InlineData("bioimlab/1/10a.bmp")]
    public void A_real_crop_keeps_its_length_standing_up(string relative)
    {
        using var crop = GreyImage.Decode(SharedData.File(relative));
        var before = crop.Measure();

        using var upright = crop.Upright();

        var after = upright.Measure();
        Assert.False(after.LightOnDark);
        Assert.True(upright.Height > upright.Width);
        Assert.InRange(after.Length, (before.Length * 0.9f) - 3, (before.Length * 1.1f) + 3);
    }

    [Fact]
    public void A_negative_margin_is_refused()
    {
        using var bar = Bar(width: 20, height: 5, lightOnDark: false);

        Assert.Throws<ArgumentOutOfRangeException>(() => bar.Upright(-1));
    }

    [Fact]
    public void Encoded_png_decodes_to_the_same_pixels()
    {
        using var crop = GreyImage.Decode(SharedData.File("pki3/97002023.12/clase1_0_97002023.12.tiff"));

        var png = crop.EncodePng();

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        using var back = GreyImage.Decode(png, sourceName: "encoded");
        Assert.Equal(crop.CopyPixels(), back.CopyPixels());
    }

    internal static GreyImage Bar(int width, int height, bool lightOnDark)
    {
        const int margin = 10;
        int w = width + (2 * margin), h = height + (2 * margin);
        byte background = lightOnDark ? (byte)20 : (byte)250, chromosome = lightOnDark ? (byte)220 : (byte)40;
        var pixels = new byte[w * h];
        Array.Fill(pixels, background);
        for (var y = margin; y < margin + height; y++)
        {
            Array.Fill(pixels, chromosome, (y * w) + margin, width);
        }

        return GreyImage.FromPixels(pixels, w, h);
    }
}
