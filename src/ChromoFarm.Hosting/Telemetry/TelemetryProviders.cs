using ChromoFarm.Diagnostics;
using ChromoFarm.Hosting.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChromoFarm.Hosting.Telemetry;

/// <summary>
/// The tracer and meter providers of one role, built by hand (OpenTelemetry.Extensions.Hosting is not available).
/// Disposing them flushes what is buffered, so the host disposes them last.
/// </summary>
public sealed class TelemetryProviders : IDisposable
{
    // MassTransit and Npgsql emit their own spans and metrics under these names. HttpClient's spans are left out: a
    // cell's fetch would add one per image (46 for a crop set), and the "fetch" span already times them together.
    private static readonly string[] TraceSources = [FarmTelemetry.Name, "MassTransit", "Npgsql"];
    private static readonly string[] Meters = [FarmTelemetry.Name, "MassTransit", "Npgsql"];

    private readonly TracerProvider? tracer;
    private readonly MeterProvider? meter;

    private TelemetryProviders(TracerProvider? tracer, MeterProvider? meter)
    {
        this.tracer = tracer;
        this.meter = meter;
    }

    /// <summary>Nothing is built (and nothing recorded) when neither an OTLP endpoint nor a span file is set.</summary>
    public static TelemetryProviders Start(TelemetryOptions options, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var otlp = string.IsNullOrEmpty(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        if (otlp is null && string.IsNullOrEmpty(options.SpanDirectory))
        {
            return new TelemetryProviders(null, null);
        }

        var version = typeof(TelemetryProviders).Assembly.GetName().Version?.ToString() ?? "0";
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName, serviceVersion: version, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}");
        var protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;

        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(TraceSources)
            .SetSampler(new ParentBasedSampler(new DropUnparentedClientSpans()));
        if (otlp is not null)
        {
            tracing.AddOtlpExporter(o => Configure(o, otlp, protocol, "v1/traces"));
        }

        if (!string.IsNullOrEmpty(options.SpanDirectory))
        {
            Directory.CreateDirectory(options.SpanDirectory);
            var file = Path.Combine(options.SpanDirectory, $"{serviceName}-{Environment.ProcessId}.jsonl");
            tracing.AddProcessor(new SimpleActivityExportProcessor(new SpanFileExporter(file, serviceName)));
        }

        var metrics = otlp is null
            ? null
            : Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(Meters)
                .AddOtlpExporter((o, reader) =>
                {
                    Configure(o, otlp, protocol, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 15_000;
                })
                .Build();
        return new TelemetryProviders(tracing.Build(), metrics);
    }

    public void Dispose()
    {
        tracer?.Dispose();
        meter?.Dispose();
    }

    // Set in code, the endpoint of the HTTP protocol is used as given, so the signal's path is added here.
    private static void Configure(OtlpExporterOptions options, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, signalPath)
            : endpoint;
    }
}
