namespace ChromoFarm.Tests;

/// <summary>
/// The real services on 127.0.0.1 that `make test` starts (scripts/services.sh up). A test whose service is not
/// answering fails with the one line that says which and how to start it: a missing service never passes as a
/// skipped test. Only the explicit opt-out <c>CHROMOFARM_SKIP_SERVICES=1</c> (a developer without root, say)
/// turns that into a skip, whose reason the summary line of `make test` repeats.
/// </summary>
internal static class LocalServices
{
    public const string OptOut = "CHROMOFARM_SKIP_SERVICES";

    public static string S3Url => Environment.GetEnvironmentVariable("CHROMOFARM_S3") ?? "http://127.0.0.1:9000";

    /// <summary>The test CA of scripts/services.sh, and its server certificate and key (for 127.0.0.1 and
    /// localhost), which PostgreSQL and RabbitMQ (amqps on 5671) serve.</summary>
    public static string TlsFile(string name) =>
        Environment.GetEnvironmentVariable(name switch { "ca.pem" => "CHROMOFARM_TLS_CA", "server.pem" => "CHROMOFARM_TLS_CERTIFICATE", _ => "CHROMOFARM_TLS_KEY" })
        ?? Path.Combine(SharedData.RepositoryRoot(), "artifacts", "services", "tls", name);

    public static string RabbitTlsUrl => Environment.GetEnvironmentVariable("CHROMOFARM_RABBITMQ_TLS") ?? "amqps://guest:guest@localhost:5671/";

    public static bool SkipWhenAbsent => Environment.GetEnvironmentVariable(OptOut) is "1" or "true";

    /// <summary>Null when something listens at <paramref name="url"/>'s host and port; else, under the opt-out, why not, to skip with.</summary>
    /// <exception cref="InvalidOperationException">The service is not answering and the opt-out is not set.</exception>
    public static string? Unavailable(string name, string url)
    {
        var uri = new Uri(url);
        if (Listening(uri.Host, uri.Port))
        {
            return null;
        }

        if (SkipWhenAbsent)
        {
            return $"{OptOut}=1 and {name} is not answering at {uri.Host}:{uri.Port}";
        }

        throw new InvalidOperationException(
            $"{name} is not answering at {uri.Host}:{uri.Port}: `make test` starts it (scripts/services.sh up); {OptOut}=1 skips the tests that need it");
    }

    private static bool Listening(string host, int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
