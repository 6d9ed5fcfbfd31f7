using System.Diagnostics;

namespace ChromoFarm.EndToEnd.Tests.Scripts;

/// <summary>Runs one of the repository's scripts under bash, from the repository root, as `make` does.</summary>
internal static class Bash
{
    public static async Task<CliResult> RunAsync(string script, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = SharedData.RepositoryRoot(),
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A null value removes the variable.
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return await Cli.RunAsync(start);
    }

    /// <summary>The last non-empty line of <paramref name="text"/>.</summary>
    public static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
}
