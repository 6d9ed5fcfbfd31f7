namespace ChromoFarm.Worker.Classification;

/// <summary>
/// How a model argument names an ensemble: files separated by commas ("a.cfm,b.cfm"). A file whose own name holds a
/// comma still loads as one model, because an existing file wins over the list reading.
/// </summary>
public static class ModelPaths
{
    public const char Separator = ',';

    /// <returns>The files named, in order; one entry when <paramref name="spec"/> is one file.</returns>
    /// <exception cref="Native.ModelFileException">The list has an empty entry or names a file twice.</exception>
    public static IReadOnlyList<string> Split(string spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        if (!spec.Contains(Separator, StringComparison.Ordinal) || File.Exists(spec))
        {
            return [spec];
        }

        var files = spec.Split(Separator, StringSplitOptions.TrimEntries);
        if (files.Any(f => f.Length == 0))
        {
            throw new Native.ModelFileException($"{spec}: an ensemble lists model files separated by '{Separator}', with no empty entry");
        }

        var twice = files.GroupBy(Path.GetFullPath).FirstOrDefault(g => g.Count() > 1);
        return twice is null
            ? files
            : throw new Native.ModelFileException($"{spec}: {twice.First()} is listed twice; an ensemble's members are different networks");
    }

    /// <summary>The folder of the first file named: where "auto" looks beside a default model or ensemble.</summary>
    public static string FolderOf(string spec) => Path.GetDirectoryName(Path.GetFullPath(Split(spec)[0]))!;
}
