namespace ChromoFarm.Tests;

/// <summary>
/// Finds the development data (../shared/data beside the repository, or CHROMOFARM_DATA).
/// xunit 2 cannot skip at run time, so a test that needs absent data fails with a message
/// that says where it looked and how to point it elsewhere, instead of passing silently.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> s_root = new(Locate);

    public static string Root => s_root.Value;

    /// <summary>The absolute path of <paramref name="relative"/> under the data folder; fails clearly when absent.</summary>
    public static string File(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (!System.IO.File.Exists(path))
        {
            throw new InvalidOperationException(
                $"shared data file not found at {path}; set CHROMOFARM_DATA to the folder holding pki3/, bioimlab/ and metaphase-mfish/");
        }

        return path;
    }

    /// <summary>The absolute path of folder <paramref name="relative"/> under the data folder; fails clearly when absent.</summary>
    public static string Directory(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (!System.IO.Directory.Exists(path))
        {
            throw new InvalidOperationException(
                $"shared data folder not found at {path}; set CHROMOFARM_DATA to the folder holding pki3/, bioimlab/ and metaphase-mfish/");
        }

        return path;
    }

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMOFARM_DATA");
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data"))
            : Path.GetFullPath(configured);
        if (!System.IO.Directory.Exists(root))
        {
            throw new InvalidOperationException($"shared data not found at {root}; set CHROMOFARM_DATA");
        }

        return root;
    }

    /// <summary>The folder holding ChromoFarm.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "ChromoFarm.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no ChromoFarm.sln above {AppContext.BaseDirectory}; set CHROMOFARM_DATA");
    }
}
