using System.Text.Json;

namespace ChromoFarm.EndToEnd.Tests;

public sealed class EvaluateSegmentationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-e2e-seg-").FullName;

    [Fact]
    public async Task Mfish_pairs_are_scored_and_a_corrupt_image_is_named_and_left_out()
    {
        var data = Directory.CreateDirectory(Path.Combine(folder, "mfish")).FullName;
        foreach (var n in new[] { 0, 2, 3 })
        {
            File.Copy(SharedData.File($"metaphase-mfish/{n}im.png"), Path.Combine(data, $"{n}im.png"));
            File.Copy(SharedData.File($"metaphase-mfish/{n}gt.png"), Path.Combine(data, $"{n}gt.png"));
        }

        var clean = await Cli.RunAsync("evaluate-segmentation", "--data", data, "--json");
        var shipped = await Cli.RunAsync("models", "list", "--json");

        Assert.True(clean.ExitCode == 0, clean.Error);
        using (var json = JsonDocument.Parse(clean.Output))
        {
            var root = json.RootElement;
            Assert.Equal("m-fish", root.GetProperty("dataset").GetString());
            Assert.Equal(3, root.GetProperty("images").GetInt32());
            Assert.Equal(0, root.GetProperty("failed_images").GetInt32());
            foreach (var fraction in new[] { "precision", "recall", "f1", "mean_iou", "end_to_end" })
            {
                Assert.InRange(root.GetProperty(fraction).GetDouble(), 0, 1);
            }

            Assert.True(root.GetProperty("f1").GetDouble() > 0.5, clean.Output);
            // Without --model, DAPI spreads are classified end to end by the shipped DAPI model, not the G-band default.
            using var models = JsonDocument.Parse(shipped.Output);
            var dapi = models.RootElement.EnumerateArray().Single(m => m.GetProperty("metadata").GetProperty("stain").GetString() == "DAPI");
            Assert.Equal(dapi.GetProperty("metadata").GetProperty("version").GetString(), root.GetProperty("model_version").GetString());
            Assert.True(root.GetProperty("seconds_per_image").GetDouble() > 0);
            Assert.Equal(1, root.GetProperty("threads").GetInt32());
            // Every fourth image is held out: of three, none.
            Assert.Equal(3, root.GetProperty("tuned_on").GetProperty("images").GetInt32());
            Assert.Equal(0, root.GetProperty("held_out").GetProperty("images").GetInt32());
        }

        await File.WriteAllTextAsync(Path.Combine(data, "9im.png"), "not a png");
        File.Copy(SharedData.File("metaphase-mfish/0gt.png"), Path.Combine(data, "9gt.png"));

        var corrupt = await Cli.RunAsync("evaluate-segmentation", "--data", data, "--json");

        Assert.Equal(1, corrupt.ExitCode);
        using (var json = JsonDocument.Parse(corrupt.Output))
        {
            Assert.Equal(3, json.RootElement.GetProperty("images").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("failed_images").GetInt32());
        }

        var line = Assert.Single(corrupt.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("9im.png", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_with_neither_kind_of_annotation_is_one_line_naming_it_and_exit_code_2()
    {
        var data = Directory.CreateDirectory(Path.Combine(folder, "plain")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, "readme.txt"), "no annotations here");

        var result = await Cli.RunAsync("evaluate-segmentation", "--data", data, "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(data, line, StringComparison.Ordinal);
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
}
