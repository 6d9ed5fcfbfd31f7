using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Cli;

/// <summary>Where `--model` and `--segmenter-model` point when they are not given: the models shipped beside the binary.</summary>
internal static class DefaultModel
{
    /// <summary>The default classifier: one file, or a comma-separated ensemble (<see cref="ModelPaths"/>).</summary>
    public static string Path => Shipped("CHROMOFARM_MODEL", "default.cfm");

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

    private static string Shipped(string variable, string file) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(AppContext.BaseDirectory, "models", file);

    private static string Existing(string path, string option) =>
        File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path}: model file not found (pass {option} FILE or run `make build` to ship the default)", path);
}
