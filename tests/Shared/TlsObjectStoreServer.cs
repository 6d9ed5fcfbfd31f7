using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChromoFarm.Tests;

/// <summary>
/// A second s3rver (the one scripts/services.sh installs) serving https with the test CA's server certificate, on a
/// free port of 127.0.0.1, for as long as the test holds it.
/// </summary>
internal sealed class TlsObjectStoreServer : IDisposable
{
    private readonly Process process;
    private readonly string folder = Directory.CreateTempSubdirectory("cf-s3tls-").FullName;

    private TlsObjectStoreServer(int port)
    {
        Url = $"https://127.0.0.1:{port}";
        var s3rver = Path.Combine(SharedData.RepositoryRoot(), "artifacts", "tools", "s3rver", "node_modules", ".bin", "s3rver");
        if (!File.Exists(s3rver))
        {
            throw new InvalidOperationException($"{s3rver} is missing: `make test` installs it (scripts/services.sh up)");
        }

        var start = new ProcessStartInfo(s3rver) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--directory", folder,
            "--key", LocalServices.TlsFile("server.key"), "--cert", LocalServices.TlsFile("server.pem"), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start)!;
    }

    public string Url { get; }

    public static async Task<TlsObjectStoreServer> StartAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var server = new TlsObjectStoreServer(port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (!server.process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        var error = server.process.HasExited ? await server.process.StandardError.ReadToEndAsync() : "not listening after 10 s";
        server.Dispose();
        throw new InvalidOperationException($"s3rver with TLS did not start: {error.Trim()}");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
