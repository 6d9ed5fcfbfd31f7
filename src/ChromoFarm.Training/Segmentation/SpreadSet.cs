using ChromoFarm.Datasets;

namespace ChromoFarm.Training.Segmentation;

/// <summary>One annotated image of a set, loaded on demand so a set never sits in memory whole.</summary>
/// <param name="HeldOut">Not used when the segmenter was tuned; reported on its own.</param>
public sealed record SpreadSource(string Name, bool HeldOut, Func<AnnotatedSpread> Load);

/// <summary>A folder of annotated metaphases: labelme JSON files or M-FISH <c>Nim.png</c>/<c>Ngt.png</c> pairs.</summary>
public sealed record SpreadSet(string Kind, IReadOnlyList<SpreadSource> Spreads)
{
    /// <summary>Every fourth image in name order is held out; the segmenter's settings were chosen on the rest.</summary>
    public const int HeldOutEvery = 4;

    public const string Labelme = "labelme";
    public const string Mfish = "m-fish";
    public const string Synthetic = "synthetic";
    public const string Composed = "composed";

    /// <exception cref="SpreadAnnotationException">The folder is missing or holds neither kind of annotation.</exception>
    public static SpreadSet Open(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new SpreadAnnotationException(directory, "no such folder");
        }

        var mfish = MfishSpreads.Files(directory);
        if (mfish.Count > 0)
        {
            return new SpreadSet(Mfish, Sources(mfish, MfishSpreads.Load));
        }

        var labelme = LabelmeSpreads.Files(directory);
        if (labelme.Count > 0)
        {
            return new SpreadSet(Labelme, Sources(labelme, LabelmeSpreads.Load));
        }

        throw new SpreadAnnotationException(directory, "holds neither labelme *.json files nor M-FISH Nim.png/Ngt.png pairs");
    }

    /// <summary>
    /// One generated spread per cell, each from its own seed (options.Seed + position), generated
    /// when loaded. The segmenter was never tuned on generated spreads: all count as held out.
    /// </summary>
    public static SpreadSet Generated(IReadOnlyList<ManifestCell> cells, SyntheticSpreadOptions options)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new SpreadSet(Synthetic, cells.Select((cell, i) =>
        {
            var own = options with { Seed = options.Seed + (ulong)i };
            return new SpreadSource(cell.Cell, true, () => SyntheticSpreadGenerator.Generate(cell, own).Spread);
        }).ToArray());
    }

    /// <summary>
    /// <see cref="ComposedSpreadOptions.Count"/> fluorescence spreads composed from the clean annotated
    /// chromosomes of <paramref name="fluorescence"/>'s tuning images (its held-out images are never read),
    /// with exact truth. They are training material, so none counts as held out. The source images are
    /// read once, when the first spread is loaded.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="fluorescence"/> is not an M-FISH set.</exception>
    public static SpreadSet ComposedFrom(SpreadSet fluorescence, ComposedSpreadOptions options)
    {
        ArgumentNullException.ThrowIfNull(fluorescence);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (fluorescence.Kind != Mfish)
        {
            throw new ArgumentException($"spreads are composed from a fluorescence ({Mfish}) set, not a {fluorescence.Kind} one", nameof(fluorescence));
        }

        var pool = new Lazy<ChromosomePool>(() => ChromosomePool.From(fluorescence));
        return new SpreadSet(Composed, Enumerable.Range(0, options.Count).Select(i => new SpreadSource(
            $"composed-{i}", false, () => ComposedSpreadGenerator.Generate(pool.Value, options, options.Seed + (ulong)i))).ToArray());
    }

    private static SpreadSource[] Sources(IReadOnlyList<string> files, Func<string, AnnotatedSpread> load) =>
        files.Select((file, i) => new SpreadSource(Path.GetFileName(file), i % HeldOutEvery == HeldOutEvery - 1, () => load(file))).ToArray();
}
