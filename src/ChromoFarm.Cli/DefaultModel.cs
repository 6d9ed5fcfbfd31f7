namespace ChromoFarm.Cli;

/// <summary>Where `--model` and `--segmenter-model` point when they are not given: the models shipped beside the binary.</summary>
internal static class DefaultModel
{
    public static string Path => Shipped("CHROMOFARM_MODEL", "default.cfm");

    /// <summary>The learned segmenter's network.</summary>
    public static string SegmenterPath => Shipped("CHROMOFARM_SEGMENTER_MODEL", "segmenter.cfs");

    public static string Resolve(FileInfo? option) => Existing(option?.FullName ?? Path, "--model");

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
