using System.Text.Json;
using ChromoFarm.Domain;
using ChromoFarm.Native;
using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public sealed class LabelmeWriterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-labelme-").FullName;

    [Fact]
    public void A_synthetic_spread_round_trips_through_labelme_json()
    {
        using var synthetic = SyntheticSpreadGenerator.Generate(
            SyntheticSpreadSample.Cell, new SyntheticSpreadOptions { Seed = 3, TouchingRate = 0.3, OverlapRate = 0.2 });
        var spread = synthetic.Spread;

        var path = LabelmeWriter.Write(spread, folder);

        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        Assert.Equal("4.5.6", root.GetProperty("version").GetString());
        Assert.Equal(spread.Name + ".png", root.GetProperty("imagePath").GetString());
        Assert.Equal(spread.Image.Width, root.GetProperty("imageWidth").GetInt32());
        Assert.Equal(spread.Image.Height, root.GetProperty("imageHeight").GetInt32());
        using (var embedded = GreyImage.Decode(root.GetProperty("imageData").GetBytesFromBase64()))
        {
            Assert.Equal(spread.Image.CopyPixels(), embedded.CopyPixels());
        }

        var shapes = root.GetProperty("shapes").EnumerateArray().ToList();
        Assert.Equal(spread.Truth.Count, shapes.Count);
        for (var i = 0; i < shapes.Count; i++)
        {
            Assert.Equal(spread.Truth[i].Label!.Value.Label, shapes[i].GetProperty("label").GetString());
            Assert.Equal("polygon", shapes[i].GetProperty("shape_type").GetString());
            Assert.Equal(JsonValueKind.Null, shapes[i].GetProperty("group_id").ValueKind);
            var polygon = Points(shapes[i]);
            foreach (var centre in new[] { 0.5, 0.0 })
            {
                var filled = Fill(polygon, spread.Image.Width, spread.Image.Height, centre);
                Assert.True(filled.IoU(spread.Truth[i].Mask) >= 0.99, $"shape {i}, pixel centres at +{centre}: IoU {filled.IoU(spread.Truth[i].Mask):0.000}");
            }
        }
    }

    [Theory]
    [InlineData("#", "#", 4)] // a single pixel
    [InlineData("#.|##", "#.|##", 6)] // an L
    [InlineData("#..|.#.|..#", "#..|.#.|..#", 12)] // pixels meeting corner to corner are one object
    [InlineData("###|#.#|###", "###|###|###", 4)] // the outline is the outer boundary: it covers a hole
    [InlineData("##.##|#####|.#.#.", "##.##|#####|.#.#.", 16)] // a notch on top, two feet below
    public void Polygons_fill_back_to_exactly_the_mask_whichever_pixel_centre_a_reader_uses(string rows, string filledRows, int corners)
    {
        var mask = Mask(rows, 2, 3);
        var solid = Mask(filledRows, 2, 3);
        using var spread = new AnnotatedSpread("hand", White(8, 8), [new TruthInstance(mask, null)]);

        var path = LabelmeWriter.Write(spread, folder);

        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var shape = json.RootElement.GetProperty("shapes")[0];
        Assert.Equal("chr", shape.GetProperty("label").GetString());
        var polygon = Points(shape);
        Assert.Equal(corners, polygon.Count);
        foreach (var centre in new[] { 0.5, 0.0 })
        {
            var filled = Fill(polygon, 8, 8, centre);
            Assert.Equal(solid.Area, filled.Area);
            Assert.Equal(solid.Area, filled.Intersection(solid));
        }
    }

    [Fact]
    public void A_single_pixel_is_its_square_shifted_a_quarter_pixel()
    {
        using var spread = new AnnotatedSpread("one", White(4, 4), [new TruthInstance(Mask("#", 1, 2), ChromosomeClass.X)]);

        using var json = JsonDocument.Parse(File.ReadAllBytes(LabelmeWriter.Write(spread, folder)));

        var shape = json.RootElement.GetProperty("shapes")[0];
        Assert.Equal("X", shape.GetProperty("label").GetString());
        // Clockwise on screen from the top-left corner (1, 2), which closes the loop and so comes last.
        Assert.Equal([(1.75, 1.75), (1.75, 2.75), (0.75, 2.75), (0.75, 1.75)], Points(shape));
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

    private static GreyImage White(int width, int height) => GreyImage.FromPixels(Enumerable.Repeat((byte)255, width * height).ToArray(), width, height);

    // Rows separated by '|', '#' inside; placed with its box at (x, y).
    private static InstanceMask Mask(string rows, int x, int y)
    {
        var lines = rows.Split('|');
        var bits = lines.SelectMany(l => l.Select(c => c == '#' ? (byte)1 : (byte)0)).ToArray();
        return new InstanceMask(x, y, lines[0].Length, lines.Length, bits);
    }

    private static List<(double X, double Y)> Points(JsonElement shape) =>
        shape.GetProperty("points").EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();

    // Even-odd scanline fill, sampling pixel (x, y) at (x + centre, y + centre).
    private static InstanceMask Fill(List<(double X, double Y)> polygon, int width, int height, double centre)
    {
        var labels = new int[width * height];
        for (var y = 0; y < height; y++)
        {
            var scan = y + centre;
            var crossings = new List<double>();
            for (var k = 0; k < polygon.Count; k++)
            {
                var (a, b) = (polygon[k], polygon[(k + 1) % polygon.Count]);
                if ((a.Y > scan) != (b.Y > scan))
                {
                    crossings.Add(a.X + ((scan - a.Y) * (b.X - a.X) / (b.Y - a.Y)));
                }
            }

            crossings.Sort();
            for (var k = 0; k + 1 < crossings.Count; k += 2)
            {
                for (var x = 0; x < width; x++)
                {
                    if (x + centre >= crossings[k] && x + centre < crossings[k + 1])
                    {
                        labels[(y * width) + x] = 1;
                    }
                }
            }
        }

        return InstanceMask.FromLabels(labels, width, 1) ?? throw new InvalidOperationException("the polygon fills nothing");
    }
}
