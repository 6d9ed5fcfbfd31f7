namespace ChromoFarm.Hosting.Options;

/// <summary>Where traces and metrics go (section "Telemetry"). With neither set, nothing is recorded.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP collector, e.g. http://otel-collector:4317.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>"grpc" (port 4317) or "http/protobuf" (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>A folder where each process writes its finished spans to &lt;service&gt;-&lt;pid&gt;.jsonl, one JSON object
    /// per line (tests, debugging without a collector).</summary>
    public string? SpanDirectory { get; set; }

    /// <summary>service.name; default chromofarm-&lt;role&gt;.</summary>
    public string? ServiceName { get; set; }

    public void Validate()
    {
        if (!string.IsNullOrEmpty(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(OtlpEndpoint))} must be an absolute URL (got '{OtlpEndpoint}')");
        }

        if (OtlpProtocol is not ("grpc" or "http/protobuf"))
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(OtlpProtocol))} must be grpc or http/protobuf (got '{OtlpProtocol}')");
        }
    }
}
