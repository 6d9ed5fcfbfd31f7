namespace ChromoFarm.Tests;

/// <summary>
/// The real services on 127.0.0.1 that scripts/services.sh starts (and .ci/run starts before `make test`).
/// Outside CI a test skips with a clear message when its service is not answering; under CI=true it fails, so
/// that a broken service start can never pass as skipped tests.
/// </summary>
internal static class LocalServices
{
    public static string S3Url => Environment.GetEnvironmentVariable("CHROMOFARM_S3") ?? "http://127.0.0.1:9000";

    /// <summary>Null when something listens at <paramref name="url"/>'s host and port; else why not, to skip with.</summary>
    /// <exception cref="InvalidOperationException">Under CI, where the service must be there.</exception>
    public static string? Unavailable(string name, string url)
    {
        var uri = new Uri(url);
        if (Listening(uri.Host, uri.Port))
        {
            return null;
        }

        var message = $"{name} is not answering at {uri.Host}:{uri.Port}: run scripts/services.sh install && scripts/services.sh start";
        if (Environment.GetEnvironmentVariable("CI") is "true" or "1")
        {
            throw new InvalidOperationException(message);
        }

        return message;
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
