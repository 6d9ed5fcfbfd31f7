namespace ChromoFarm.Karyograms.Tests;

/// <summary>Centromere and p-arm orientation on drawn shapes whose waist is known.</summary>
public class CentromereEstimateTests
{
    [Fact]
    public void A_waist_a_third_down_is_the_centromere_and_the_shape_stays_as_it_is()
    {
        var (pixels, width, height) = Waisted(length: 90, waistAt: 30);

        var estimate = CentromereEstimate.Find(pixels, width, height, centromereIndex: 0.35);

        Assert.False(estimate.Turn);
        Assert.InRange(estimate.Row, Top + 27, Top + 33);
    }

    [Fact]
    public void A_waist_in_the_lower_part_means_upside_down_and_the_row_is_counted_after_the_turn()
    {
        var (pixels, width, height) = Waisted(length: 90, waistAt: 60);

        var estimate = CentromereEstimate.Find(pixels, width, height, centromereIndex: 0.35);

        Assert.True(estimate.Turn);
        // Turned 180°: the waist 60 rows below the top (row Top + 60) becomes row (height - 1) - (Top + 60).
        Assert.InRange(estimate.Row, height - 1 - (Top + 60) - 3, height - 1 - (Top + 60) + 3);
    }

    [Fact]
    public void An_acrocentric_waist_near_an_end_is_found_where_the_class_puts_it()
    {
        var (pixels, width, height) = Waisted(length: 80, waistAt: 12);

        var estimate = CentromereEstimate.Find(pixels, width, height, centromereIndex: 0.17);

        Assert.False(estimate.Turn);
        Assert.InRange(estimate.Row, Top + 9, Top + 15);
    }

    [Fact]
    public void A_speck_is_not_turned()
    {
        var (pixels, width, height) = Waisted(length: 6, waistAt: 3);

        Assert.False(CentromereEstimate.Find(pixels, width, height, 0.4).Turn);
    }

    private const int Top = 5;

    // A dark rod 12 px wide on white, narrowed to 4 px over 5 rows at waistAt rows below its top.
    private static (byte[] Pixels, int Width, int Height) Waisted(int length, int waistAt)
    {
        const int width = 20;
        var height = length + (2 * Top);
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        for (var y = 0; y < length; y++)
        {
            var half = Math.Abs(y - waistAt) <= 2 ? 2 : 6;
            for (var x = 10 - half; x < 10 + half; x++)
            {
                pixels[((Top + y) * width) + x] = 60;
            }
        }

        return (pixels, width, height);
    }
}
