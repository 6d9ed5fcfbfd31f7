using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Cli;

/// <summary>Where `--model` and `--segmenter-model` point when they are not given: the models shipped beside the binary.</summary>
internal static class DefaultModel
{
    /// <summary>
    /// The default classifier: $CHROMOFARM_MODEL (one file, or a comma-separated ensemble, <see cref="ModelPaths"/>),
    /// else the shipped G-band ensemble.
    /// </summary>
    public static string Path => Shipped("CHROMOFARM_MODEL", GBandEnsemble);

    /// <summary>
    /// The shipped G-band networks, trained alike on Pki-3 with seeds 1, 2 and 3: on patients none of them saw, three
    /// such networks averaged reach the clinical bar (99.3% after assignment) that one alone does not (docs/model.md).
    /// `--model models/default.cfm` is the first of them alone, at three times the speed.
    /// </summary>
    private static readonly string[] GBandEnsemble = ["default.cfm", "gband-seed2.cfm", "gband-seed3.cfm"];

    /// <summary>Where `--model auto` and `models list` look: the folder of the default model's (first) file.</summary>
    public static string Folder => ModelPaths.FolderOf(Path);

    /// <summary>The learned segmenter's network.</summary>
    public static string SegmenterPath => Shipped("CHROMOFARM_SEGMENTER_MODEL", "segmenter.cfs");

    /// <summary>The model file, or for an ensemble ("a.cfm,b.cfm") each of its files, made absolute and checked.</summary>
    public static string Resolve(FileInfo? option) => Resolve(option?.ToString());

    /// <inheritdoc cref="Resolve(FileInfo?)"/>
    public static string Resolve(string? option) =>
        string.Join(ModelPaths.Separator, ModelPaths.Split(option ?? Path).Select(f => Existing(System.IO.Path.GetFullPath(f), "--model")));

    public static string ResolveSegmenter(FileInfo? option) => Existing(option?.FullName ?? SegmenterPath, "--segmenter-model");

    private static string Shipped(string variable, params string[] files) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured
            ? configured
            : string.Join(ModelPaths.Separator, files.Select(f => System.IO.Path.Combine(AppContext.BaseDirectory, "models", f)));

    private static string Existing(string path, string option) =>
        File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path}: model file not found (pass {option} FILE or run `make build` to ship the default)", path);
}
