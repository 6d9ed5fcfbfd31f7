using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public sealed class SpreadSetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-spreadset-").FullName;

    [Fact]
    public void The_mfish_folder_is_an_mfish_set_of_70_with_every_fourth_held_out()
    {
        var set = SpreadSet.Open(SharedData.Directory("metaphase-mfish"));

        Assert.Equal(SpreadSet.Mfish, set.Kind);
        Assert.Equal("m-fish", set.Kind);
        Assert.Equal(70, set.Spreads.Count);
        Assert.Equal(set.Spreads.Count / 4, set.Spreads.Count(s => s.HeldOut));
        Assert.Equal(17, set.Spreads.Count(s => s.HeldOut));
        Assert.All(set.Spreads.Select((s, i) => (s, i)), e => Assert.Equal(e.i % 4 == 3, e.s.HeldOut));
        Assert.Equal(["0im.png", "2im.png"], set.Spreads.Take(2).Select(s => s.Name));
    }

    [Fact]
    public void The_bioimlab_folder_is_a_labelme_set()
    {
        var set = SpreadSet.Open(SharedData.Directory("metaphase-bioimlab"));

        Assert.Equal(SpreadSet.Labelme, set.Kind);
        Assert.Equal(137, set.Spreads.Count);
        Assert.All(set.Spreads, s => Assert.EndsWith(".json", s.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void A_spread_is_loaded_only_when_asked_for()
    {
        var path = Path.Combine(folder, "broken.json");
        File.WriteAllText(path, "not json");

        var set = SpreadSet.Open(folder);

        var source = Assert.Single(set.Spreads);
        Assert.False(source.HeldOut);
        Assert.Throws<SpreadAnnotationException>(() => source.Load());
    }

    [Fact]
    public void An_empty_folder_is_refused_naming_it()
    {
        var error = Assert.Throws<SpreadAnnotationException>(() => SpreadSet.Open(folder));

        Assert.Equal(folder, error.Path);
        Assert.Contains(folder, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_of_other_files_is_refused()
    {
        File.WriteAllText(Path.Combine(folder, "readme.txt"), "");
        File.WriteAllText(Path.Combine(folder, "5im.png"), ""); // an image without its truth

        Assert.Throws<SpreadAnnotationException>(() => SpreadSet.Open(folder));
    }

    [Fact]
    public void A_missing_folder_is_refused_naming_it()
    {
        var missing = Path.Combine(folder, "nowhere");

        var error = Assert.Throws<SpreadAnnotationException>(() => SpreadSet.Open(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
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
