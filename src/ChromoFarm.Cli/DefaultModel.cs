namespace ChromoFarm.Cli;

/// <summary>Where `--model` points when it is not given: the model shipped beside the binary.</summary>
internal static class DefaultModel
{
    public static string Path =>
        Environment.GetEnvironmentVariable("CHROMOFARM_MODEL") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(AppContext.BaseDirectory, "models", "default.cfm");

    public static string Resolve(FileInfo? option)
    {
        var path = option?.FullName ?? Path;
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path}: model file not found (pass --model FILE or run `make build` to ship the default)", path);
    }
}
