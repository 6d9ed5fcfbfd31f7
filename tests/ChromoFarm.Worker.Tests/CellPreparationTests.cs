using ChromoFarm.Contracts;
using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Worker.Tests;

public class CellPreparationTests
{
    private readonly CellPreparation preparation = new(new MetaphaseSegmenter());

    [Fact]
    public void A_metaphase_becomes_chromosome_crops_with_boxes_inside_the_image()
    {
        var path = SharedData.File("metaphase-mfish/0im.png");
        using var cell = preparation.Prepare(CellSourceKind.Metaphase, [("0im.png", File.ReadAllBytes(path))]);

        Assert.InRange(cell.Chromosomes.Count, 35, 60);
        Assert.All(cell.Chromosomes, c =>
        {
            Assert.NotNull(c.Box);
            Assert.InRange(c.Box.X + c.Box.Width, 1, 644);
            Assert.InRange(c.Box.Y + c.Box.Height, 1, 516);
            Assert.True(c.Measure.Length > 0 && c.Measure.Area > 0);
            Assert.False(c.Measure.LightOnDark, "crops are handed on in the training crops' convention: dark on white");
        });
    }

    [Fact]
    public void The_cell_reference_is_the_median_chromosome_length()
    {
        using var cell = Pki3Cells.Prepare(preparation, "97002023.12");
        var lengths = cell.Chromosomes.Select(c => c.Measure.Length).Order().ToArray();
        var middle = lengths.Length / 2;
        var median = lengths.Length % 2 == 1 ? lengths[middle] : (lengths[middle - 1] + lengths[middle]) / 2;
        Assert.Equal(median, cell.ReferenceLength);
    }

    [Fact]
    public void A_corrupt_crop_is_reported_under_its_source_name_and_nothing_leaks()
    {
        var good = File.ReadAllBytes(SharedData.File("pki3/97002023.12/clase1_0_97002023.12.tiff"));
        var error = Assert.Throws<ImageDecodeException>(() =>
            preparation.Prepare(CellSourceKind.CropSet, [("good.tiff", good), ("bad.tiff", good[..40])]));
        Assert.StartsWith("bad.tiff: ", error.Message, StringComparison.Ordinal);
    }
}
