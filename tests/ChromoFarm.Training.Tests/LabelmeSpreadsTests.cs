using System.Text.Json.Nodes;
using ChromoFarm.Domain;
using ChromoFarm.Native;
using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public sealed class LabelmeSpreadsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-labelme-read-").FullName;

    [Fact]
    public void A_real_spread_loads_its_embedded_image_and_a_mask_per_polygon()
    {
        using var spread = LabelmeSpreads.Load(SharedData.File("metaphase-bioimlab/original_1.json"));

        Assert.Equal("original_1.json", spread.Name);
        Assert.Equal((768, 576), (spread.Image.Width, spread.Image.Height));
        // The file holds 46 polygons, every one labelled "chr", which is no class.
        Assert.Equal(46, spread.Truth.Count);
        Assert.All(spread.Truth, t => Assert.Null(t.Label));
        Assert.All(spread.Truth, t => Assert.InRange(t.Mask.Area, 50, 768 * 576 / 20));
    }

    [Fact]
    public void A_file_that_is_not_json_is_refused_naming_it()
    {
        var path = Path.Combine(folder, "notes.json");
        File.WriteAllText(path, "this is not { json");

        var error = Assert.Throws<SpreadAnnotationException>(() => LabelmeSpreads.Load(path));

        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_without_shapes_is_refused_naming_it()
    {
        var path = Path.Combine(folder, "other.json");
        File.WriteAllText(path, """{"version": "4.5.7", "imagePath": "x.png"}""");

        var error = Assert.Throws<SpreadAnnotationException>(() => LabelmeSpreads.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("shapes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_imageData_the_image_beside_the_file_is_read()
    {
        var mask = Masks.Drawn("###.|####|.##.", 3, 2);
        var path = WriteWithoutImageData(mask, ChromosomeClass.X);

        using var spread = LabelmeSpreads.Load(path);

        Assert.Equal((12, 8), (spread.Image.Width, spread.Image.Height));
        Assert.Equal(64, spread.Image.CopyPixels()[0]);
        var truth = Assert.Single(spread.Truth);
        Assert.Equal(ChromosomeClass.X, truth.Label);
        Assert.Equal(mask.Area, truth.Mask.Area);
        Assert.Equal(mask.Area, truth.Mask.Intersection(mask));
    }

    [Fact]
    public void Without_imageData_a_missing_image_is_refused_naming_the_file_and_the_image()
    {
        var path = WriteWithoutImageData(Masks.Box(1, 1, 3, 3), null);
        File.Delete(Path.Combine(folder, "hand.png"));

        var error = Assert.Throws<SpreadAnnotationException>(() => LabelmeSpreads.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("hand.png", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_imageData_nor_imagePath_is_refused_naming_the_file()
    {
        var path = Path.Combine(folder, "bare.json");
        File.WriteAllText(path, """{"shapes": [], "imageData": null}""");

        var error = Assert.Throws<SpreadAnnotationException>(() => LabelmeSpreads.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageData_that_is_not_base64_is_refused_naming_the_file()
    {
        var path = Path.Combine(folder, "garbled.json");
        File.WriteAllText(path, """{"shapes": [], "imageData": "%%% not base64 %%%"}""");

        var error = Assert.Throws<SpreadAnnotationException>(() => LabelmeSpreads.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageData_that_is_no_image_fails_with_a_native_error_naming_the_file()
    {
        var path = Path.Combine(folder, "text.json");
        File.WriteAllText(path, $$"""{"shapes": [], "imageData": "{{Convert.ToBase64String("not an image"u8)}}"}""");

        var error = Assert.ThrowsAny<NativeException>(() => LabelmeSpreads.Load(path));

        Assert.Contains("text.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_polygon_point_that_is_not_a_pair_is_refused_naming_the_file()
    {
        var path = WriteWithoutImageData(Masks.Box(1, 1, 3, 3), null);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["shapes"]![0]!["points"]![0] = new JsonArray(1.5);
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<SpreadAnnotationException>(() => LabelmeSpreads.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[["1.5", 2], [4, 1], [4, 4]]""")] // a coordinate as a string
    [InlineData("""[[1.5, 2], [4, null], [4, 4]]""")]
    [InlineData("""[[1.5, 2], 4, [4, 4]]""")]
    public void A_polygon_point_that_is_not_two_numbers_is_refused_naming_the_file(string points)
    {
        var path = Path.Combine(folder, "points.json");
        File.WriteAllText(path, $$"""{"shapes": [{"label": "chr", "points": {{points}}, "shape_type": "polygon"}], "imagePath": "hand.png"}""");
        WriteWithoutImageData(Masks.Box(1, 1, 3, 3), null);

        var error = Assert.Throws<SpreadAnnotationException>(() => LabelmeSpreads.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""["chr"]""")] // a shape that is not an object
    [InlineData("""[{"label": 7, "points": [[1, 1], [4, 1], [4, 4]]}]""")] // a label that is not a string
    [InlineData("""[{"label": "chr", "points": [[1, 1], [4, 1], [4, 4]], "shape_type": 3}]""")]
    public void A_malformed_shape_is_refused_naming_the_file(string shapes)
    {
        var path = Path.Combine(folder, "shapes.json");
        File.WriteAllText(path, $$"""{"shapes": {{shapes}}, "imagePath": "hand.png"}""");
        WriteWithoutImageData(Masks.Box(1, 1, 3, 3), null);

        var error = Assert.Throws<SpreadAnnotationException>(() => LabelmeSpreads.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shapes_other_than_polygons_are_left_out()
    {
        var path = WriteWithoutImageData(Masks.Box(1, 1, 3, 3), null);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var rectangle = json["shapes"]![0]!.DeepClone();
        rectangle["shape_type"] = "rectangle";
        json["shapes"]!.AsArray().Add(rectangle);
        File.WriteAllText(path, json.ToJsonString());

        using var spread = LabelmeSpreads.Load(path);

        Assert.Single(spread.Truth);
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

    // hand.json and hand.png (12 × 8, grey 64) with one polygon, the image referenced only by imagePath
    // (imageData null, as labelme writes it when the image is not embedded).
    private string WriteWithoutImageData(InstanceMask mask, ChromosomeClass? label)
    {
        using var image = GreyImage.FromPixels(Enumerable.Repeat((byte)64, 12 * 8).ToArray(), 12, 8);
        var spread = new AnnotatedSpread("hand", image, [new TruthInstance(mask, label)]);
        var path = LabelmeWriter.Write(spread, folder);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["imageData"] = null;
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}
