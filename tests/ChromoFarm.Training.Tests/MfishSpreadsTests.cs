using ChromoFarm.Domain;
using ChromoFarm.Native;
using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public sealed class MfishSpreadsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-mfish-").FullName;

    [Fact]
    public void A_real_spread_loads_with_a_class_for_every_chromosome()
    {
        using var spread = MfishSpreads.Load(SharedData.File("metaphase-mfish/0im.png"));

        Assert.Equal("0im.png", spread.Name);
        Assert.Equal((644, 516), (spread.Image.Width, spread.Image.Height));
        Assert.All(spread.Truth, t => Assert.NotNull(t.Label));
        Assert.InRange(spread.Truth.Count, 35, 80);
    }

    [Fact]
    public void A_real_spread_keeps_no_speck_under_a_tenth_of_its_median_chromosome()
    {
        using var spread = MfishSpreads.Load(SharedData.File("metaphase-mfish/0im.png"));

        var areas = spread.Truth.Select(t => t.Mask.Area).Order().ToList();
        Assert.True(areas[0] * 10 >= areas[areas.Count / 2], $"smallest {areas[0]} px, median {areas[areas.Count / 2]} px");
    }

    [Fact]
    public void Specks_under_a_tenth_of_the_median_are_dropped_and_one_of_exactly_a_tenth_is_kept()
    {
        // Classes 1, 2 and 3 as 10 × 10 squares (the median, 100 px), class 4 as a 9 px speck, class 5 as a 10 px one.
        var truth = new byte[40 * 40];
        Paint(truth, 40, 1, 1, 10, 10, 10);
        Paint(truth, 40, 15, 1, 10, 10, 20);
        Paint(truth, 40, 1, 15, 10, 10, 30);
        Paint(truth, 40, 30, 30, 3, 3, 40);
        Paint(truth, 40, 20, 30, 2, 5, 50);
        WritePair("1", new byte[40 * 40], 40, 40, truth, 40, 40);

        using var spread = MfishSpreads.Load(Path.Combine(folder, "1im.png"));

        Assert.Equal(["1", "2", "3", "5"], spread.Truth.Select(t => t.Label!.Value.Label).Order(StringComparer.Ordinal));
        Assert.Equal([100, 100, 100, 10], spread.Truth.OrderBy(t => t.Label!.Value.Index).Select(t => t.Mask.Area));
    }

    [Fact]
    public void Touching_homologues_of_one_class_are_one_object_and_the_X_is_read_from_230()
    {
        var truth = new byte[20 * 10];
        Paint(truth, 20, 0, 0, 5, 5, 70);
        Paint(truth, 20, 5, 5, 5, 5, 70); // meets the first corner to corner
        Paint(truth, 20, 12, 0, 5, 8, 230);
        WritePair("4", new byte[20 * 10], 20, 10, truth, 20, 10);

        using var spread = MfishSpreads.Load(Path.Combine(folder, "4im.png"));

        Assert.Equal(2, spread.Truth.Count);
        Assert.Equal(50, Assert.Single(spread.Truth, t => t.Label == ChromosomeClass.Autosome(7)).Mask.Area);
        Assert.Equal(40, Assert.Single(spread.Truth, t => t.Label == ChromosomeClass.X).Mask.Area);
    }

    [Theory]
    [InlineData(15)] // not a multiple of 10
    [InlineData(250)] // past Y (240)
    public void A_truth_value_that_is_no_class_is_refused_naming_the_truth_file(byte value)
    {
        var truth = new byte[16 * 16];
        Paint(truth, 16, 2, 2, 6, 6, 10);
        Paint(truth, 16, 9, 9, 5, 5, value);
        WritePair("7", new byte[16 * 16], 16, 16, truth, 16, 16);

        var error = Assert.Throws<SpreadAnnotationException>(() => MfishSpreads.Load(Path.Combine(folder, "7im.png")));

        Assert.Equal(Path.Combine(folder, "7gt.png"), error.Path);
        Assert.Contains(Path.Combine(folder, "7gt.png"), error.Message, StringComparison.Ordinal);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truth_image_of_another_size_is_refused_naming_the_truth_file()
    {
        WritePair("8", new byte[16 * 16], 16, 16, new byte[16 * 12], 16, 12);

        var error = Assert.Throws<SpreadAnnotationException>(() => MfishSpreads.Load(Path.Combine(folder, "8im.png")));

        Assert.Contains(Path.Combine(folder, "8gt.png"), error.Message, StringComparison.Ordinal);
        Assert.Contains("16x12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truth_file_that_is_no_image_fails_with_a_native_error_naming_it()
    {
        WritePair("6", new byte[16], 4, 4, new byte[16], 4, 4);
        var truthPath = Path.Combine(folder, "6gt.png");
        File.WriteAllText(truthPath, "not a png");

        // NativeException, like an unreadable image: the evaluation counts both as a failed image.
        var error = Assert.ThrowsAny<NativeException>(() => MfishSpreads.Load(Path.Combine(folder, "6im.png")));

        Assert.Contains(truthPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_lists_only_images_with_a_truth_beside_them_in_numeric_order()
    {
        foreach (var stem in new[] { "10", "2", "1" })
        {
            WritePair(stem, new byte[4], 2, 2, new byte[4], 2, 2);
        }

        File.Copy(Path.Combine(folder, "1im.png"), Path.Combine(folder, "3im.png"));

        Assert.Equal(["1im.png", "2im.png", "10im.png"], MfishSpreads.Files(folder).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in /tmp are harmless; never fail a test on cleanup.
        }
    }

    private static void Paint(byte[] pixels, int width, int x, int y, int w, int h, byte value)
    {
        for (var row = y; row < y + h; row++)
        {
            Array.Fill(pixels, value, row * width + x, w);
        }
    }

    private void WritePair(string stem, byte[] image, int width, int height, byte[] truth, int truthWidth, int truthHeight)
    {
        using (var picture = GreyImage.FromPixels(image, width, height))
        {
            picture.WritePng(Path.Combine(folder, stem + "im.png"));
        }

        using var labels = GreyImage.FromPixels(truth, truthWidth, truthHeight);
        labels.WritePng(Path.Combine(folder, stem + "gt.png"));
    }
}
