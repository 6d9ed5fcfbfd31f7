using System.Diagnostics;

namespace ChromoFarm.EndToEnd.Tests.Distributed;

/// <summary>One `chromofarm serve ROLE` process, as an operator starts it, with its output kept in a log file.</summary>
internal sealed class FarmRoleProcess : IDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public FarmRoleProcess(string role, string name, int port, IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        Name = name;
        Port = port;
        LogPath = Path.Combine(logFolder, $"{name}.log");
        log = new StreamWriter(LogPath) { AutoFlush = true };
        var start = Cli.StartInfo("serve", role);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["CHROMOFARM_HTTP__PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Port { get; }

    public string LogPath { get; }

    public bool HasExited => process.HasExited;

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} before it was ready:\n{Tail()}");
            }

            try
            {
                using var answer = await http.GetAsync(new Uri($"http://127.0.0.1:{Port}/readyz"));
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A check that took too long: ask again.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout}:\n{Tail()}");
    }

    /// <summary>SIGKILL: no shutdown, nothing acknowledged, as when a node dies.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public string Tail(int lines = 20)
    {
        lock (log)
        {
            log.Flush();
        }

        var all = File.ReadAllLines(LogPath);
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        http.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
