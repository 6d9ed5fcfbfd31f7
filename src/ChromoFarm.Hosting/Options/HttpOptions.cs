namespace ChromoFarm.Hosting.Options;

/// <summary>The HTTP listener every role has for health, and ingest/api for uploads and queries (section "Http").</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    public int Port { get; set; } = 8080;

    /// <summary>Largest image accepted in one upload.</summary>
    public long MaxUploadBytes { get; set; } = 512L * 1024 * 1024;

    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(Port))} must be 0..65535 (got {Port})");
        }
    }
}
