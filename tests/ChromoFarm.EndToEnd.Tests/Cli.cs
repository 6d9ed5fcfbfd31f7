using System.Diagnostics;

namespace ChromoFarm.EndToEnd.Tests;

internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the real `chromofarm` CLI in its own process, as a user would.</summary>
internal static class Cli
{
    /// <summary>`chromofarm ARGUMENTS` from the build output beside the tests, with both outputs redirected.</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chromofarm.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    public static async Task<CliResult> RunAsync(params string[] arguments)
    {
        var start = StartInfo(arguments);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        return await RunAsync(start);
    }

    /// <summary>Runs <paramref name="start"/> (both outputs redirected) to its end, at most 5 minutes.</summary>
    public static async Task<CliResult> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
