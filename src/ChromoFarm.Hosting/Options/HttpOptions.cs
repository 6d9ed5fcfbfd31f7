namespace ChromoFarm.Hosting.Options;

/// <summary>The HTTP listener every role has for health, and ingest/api for uploads and queries (section "Http").</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    public int Port { get; set; } = 8080;

    /// <summary>Largest image accepted in one upload.</summary>
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Largest body of any other request (JSON: a cell, a list of keys, a correction).</summary>
    public long MaxJsonBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per second each credential (or, unauthenticated, each client address) may make on the
    /// ingest and api roles; 0 turns the limit off. Health probes are not counted.</summary>
    public int RequestsPerSecond { get; set; } = 1000;

    /// <summary>Requests a credential may make at once above the rate (the token bucket's size).</summary>
    public int RequestBurst { get; set; } = 2000;

    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(Port))} must be 0..65535 (got {Port})");
        }

        if (MaxUploadBytes < 1 || MaxJsonBytes < 1)
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(MaxUploadBytes))} and {nameof(MaxJsonBytes)} must be positive");
        }

        if (RequestsPerSecond < 0 || (RequestsPerSecond > 0 && RequestBurst < 1))
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(RequestsPerSecond))} must be 0 (off) or more, with {nameof(RequestBurst)} at least 1");
        }
    }
}
