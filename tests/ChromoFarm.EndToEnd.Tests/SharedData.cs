namespace ChromoFarm.EndToEnd.Tests;

/// <summary>The public development sets in ../shared/data (or $CHROMOFARM_DATA).</summary>
internal static class SharedData
{
    public static string Root { get; } = Locate();

    public static string Path(params string[] parts)
    {
        if (!Directory.Exists(Root))
        {
            throw new InvalidOperationException($"shared data not found at {Root}; set CHROMOFARM_DATA");
        }

        return System.IO.Path.Combine([Root, .. parts]);
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("CHROMOFARM_DATA") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ChromoFarm.sln")))
            {
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
            }
        }

        return "../shared/data";
    }
}
