using System.ComponentModel;
using System.Diagnostics;

namespace ChromoFarm.Tests;

/// <summary>
/// A Python with torch and torchvision, to export TorchScript fixtures at test time with
/// examples/pytorch/export_torchvision.py rather than keep 45 MB binaries in the repository.
/// </summary>
internal static class PythonTorch
{
    private static readonly Lazy<string?> s_executable = new(Find);

    /// <summary>The first of CHROMOFARM_PYTHON, /usr/bin/python3 and python3 that imports torch and torchvision; null if none.</summary>
    public static string? Executable => s_executable.Value;

    public static string Missing =>
        $"no Python that imports torch and torchvision (tried {string.Join(", ", Candidates())}): "
        + "install python3-torch python3-torchvision (scripts/install-deps.sh does) or set CHROMOFARM_PYTHON";

    /// <summary>
    /// Runs export_torchvision.py --random-init --seed <paramref name="seed"/> --out FOLDER/NAME
    /// plus <paramref name="options"/>; returns the .pt path (the sidecar lies beside it).
    /// </summary>
    public static async Task<string> ExportRandomResNetAsync(string folder, string name, int seed, params string[] options)
    {
        var python = Executable ?? throw new InvalidOperationException(Missing);
        var script = Path.Combine(SharedData.RepositoryRoot(), "examples", "pytorch", "export_torchvision.py");
        var output = Path.Combine(folder, name);
        string[] arguments = [script, "--random-init", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", output, .. options];
        var (exitCode, text) = await RunAsync(python, arguments, TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{python} {string.Join(' ', arguments)} exited with {exitCode}:\n{text}");
        }

        return output + ".pt";
    }

    private static IEnumerable<string> Candidates()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMOFARM_PYTHON");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            yield return configured;
        }

        yield return "/usr/bin/python3";
        yield return "python3";
    }

    private static string? Find()
    {
        foreach (var candidate in Candidates())
        {
            try
            {
                if (RunAsync(candidate, ["-c", "import torch, torchvision"], TimeSpan.FromMinutes(1)).GetAwaiter().GetResult().ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (Win32Exception)
            {
                // Not installed under that name: try the next.
            }
        }

        return null;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No __pycache__ left in examples/pytorch by a test run.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} did not finish within {timeout}");
        }

        return (process.ExitCode, await output.ConfigureAwait(false) + await error.ConfigureAwait(false));
    }
}
