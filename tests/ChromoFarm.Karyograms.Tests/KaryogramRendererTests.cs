using ChromoFarm.Native;
using ChromoFarm.Storage;

namespace ChromoFarm.Karyograms.Tests;

/// <summary>Karyograms and spread pictures drawn from real stored images (Pki-3 crops, an M-FISH spread).</summary>
public sealed class KaryogramRendererTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-karyogram-").FullName;
    private readonly LocalFolderObjectStore store;

    public KaryogramRendererTests() => store = new LocalFolderObjectStore(Path.Combine(folder, "objects"));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_pki3_cell_gives_a_png_with_every_chromosome_placed_inside_it()
    {
        var chromosomes = await StorePki3CellAsync("97002023.12");

        var picture = await new KaryogramRenderer(store).RenderAsync(new KaryogramRequest("97002023 / 97002023.12 — 46,XX", "test", chromosomes));

        using var decoded = GreyImage.Decode(picture.Png, sourceName: "karyogram.png");
        Assert.Equal((picture.Width, picture.Height), (decoded.Width, decoded.Height));
        Assert.Equal(chromosomes.Count, picture.Placements.Count);
        Assert.All(picture.Placements, p => Assert.True(p.X >= 0 && p.Y >= 0 && p.X + p.Width <= picture.Width && p.Y + p.Height <= picture.Height, p.ToString()));
        // The ISCN order: chromosome 1 above chromosome 22.
        Assert.True(picture.Placements.Where(p => p.Label == "1").Max(p => p.Y + p.Height) < picture.Placements.Where(p => p.Label == "22").Min(p => p.Y));
        Save(picture, "karyogram-pki3.png");
    }

    [Fact]
    public async Task Upright_chromosomes_are_drawn_taller_than_wide()
    {
        var chromosomes = await StorePki3CellAsync("97002023.12");

        var picture = await new KaryogramRenderer(store).RenderAsync(new KaryogramRequest("t", "s", chromosomes));

        var large = picture.Placements.Where(p => p.Label is "1" or "2" or "3").ToList();
        Assert.All(large, p => Assert.True(p.Height > 2 * p.Width, p.ToString()));
    }

    [Fact]
    public async Task A_missing_image_and_an_added_chromosome_leave_places_not_errors()
    {
        var chromosomes = (await StorePki3CellAsync("97002023.12")).ToList();
        chromosomes[0] = chromosomes[0] with { ImageKey = new string('0', 64) };
        chromosomes.Add(new KaryogramChromosome(chromosomes.Count, "21", null, ChromosomeMarks.Corrected));

        var picture = await new KaryogramRenderer(store).RenderAsync(new KaryogramRequest("t", "s", chromosomes));

        Assert.Equal(chromosomes.Count, picture.Placements.Count);
    }

    [Fact]
    public async Task A_flagged_chromosome_is_outlined_in_its_colour()
    {
        var chromosomes = (await StorePki3CellAsync("97002023.12")).ToList();
        chromosomes[5] = chromosomes[5] with { Marks = ChromosomeMarks.Segmentation };

        var picture = await new KaryogramRenderer(store).RenderAsync(new KaryogramRequest("t", "s", chromosomes));

        var place = picture.Placements.Single(p => p.Index == 5);
        using var bitmap = SkiaSharp.SKBitmap.Decode(picture.Png);
        // The outline runs 3 px outside the chromosome's box.
        var pixel = bitmap.GetPixel(place.X + (place.Width / 2), place.Y - 3);
        Assert.True(pixel.Red > 150 && pixel.Green < 90 && pixel.Blue < 90, pixel.ToString());
    }

    [Fact]
    public async Task A_spread_shows_every_boxed_chromosome_numbered()
    {
        var key = await PutAsync(SharedData.File("metaphase-mfish/0im.png"));
        using var spread = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        using var segmentation = new MetaphaseSegmenter().Segment(spread);
        var chromosomes = segmentation.Instances.Select((s, i) => new KaryogramChromosome(i, "1", key, s.NeedsReview ? ChromosomeMarks.Segmentation : ChromosomeMarks.None,
            new Contracts.BoundingBox(s.X, s.Y, s.Width, s.Height))).ToList();

        var picture = await new SpreadRenderer(store).RenderAsync(key, new KaryogramRequest("0im", "spread", chromosomes));

        Assert.NotNull(picture);
        Assert.Equal(chromosomes.Count, picture.Placements.Count);
        Save(picture, "spread-mfish.png");
    }

    [Fact]
    public async Task A_spread_missing_from_the_store_gives_no_picture()
    {
        var picture = await new SpreadRenderer(store).RenderAsync(new string('a', 64), new KaryogramRequest("t", "s", []));

        Assert.Null(picture);
    }

    private async Task<List<KaryogramChromosome>> StorePki3CellAsync(string cell)
    {
        var files = Directory.GetFiles(SharedData.Directory(Path.Combine("pki3", cell)), "*.tiff").Order(StringComparer.Ordinal).ToList();
        var chromosomes = new List<KaryogramChromosome>();
        foreach (var file in files)
        {
            // clase<N>_<k>_<cell>.tiff: N 1..22, 23 = X, 24 = Y.
            var n = int.Parse(Path.GetFileName(file).Split('_')[0]["clase".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var label = n switch { 23 => "X", 24 => "Y", _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            chromosomes.Add(new KaryogramChromosome(chromosomes.Count, label, await PutAsync(file), ChromosomeMarks.None));
        }

        return chromosomes;
    }

    private async Task<string> PutAsync(string file)
    {
        await using var content = File.OpenRead(file);
        return (await store.PutAsync(content)).Key;
    }

    // For looking at: test results are kept under artifacts/, never committed.
    private static void Save(KaryogramPicture picture, string name)
    {
        var pictures = Path.Combine(SharedData.RepositoryRoot(), "artifacts", "test-results", "pictures");
        Directory.CreateDirectory(pictures);
        File.WriteAllBytes(Path.Combine(pictures, name), picture.Png);
    }
}
