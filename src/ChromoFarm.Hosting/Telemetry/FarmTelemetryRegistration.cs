using ChromoFarm.Diagnostics;
using ChromoFarm.Hosting.Options;
using Npgsql;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChromoFarm.Hosting.Telemetry;

/// <summary>
/// One role's traces and metrics through OpenTelemetry's hosting extensions: the farm's own spans, MassTransit's,
/// ASP.NET Core's, HttpClient's (the object store's requests) and Npgsql's, exported over OTLP and/or to a span file.
/// The host owns the providers, so stopping it flushes what is buffered.
/// </summary>
public static class FarmTelemetryRegistration
{
    // MassTransit's ActivitySource and Meter (DiagnosticHeaders.DefaultListenerName).
    private const string MassTransit = "MassTransit";

    /// <summary>Nothing is registered (and nothing recorded) when neither an OTLP endpoint nor a span file is set
    /// and no <paramref name="moreTracing"/> asks for spans.</summary>
    /// <param name="moreTracing">Further exporters or processors (a test's in-memory exporter).</param>
    public static IServiceCollection AddFarmTelemetry(this IServiceCollection services, TelemetryOptions options, string serviceName, Action<TracerProviderBuilder>? moreTracing = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var otlp = string.IsNullOrEmpty(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        if (otlp is null && string.IsNullOrEmpty(options.SpanDirectory) && moreTracing is null)
        {
            return services;
        }

        var protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var version = typeof(FarmTelemetryRegistration).Assembly.GetName().Version?.ToString() ?? "0";
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: version, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(FarmTelemetry.Name, MassTransit)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        // Probes every few seconds are not work on a cell.
                        o.Filter = context => !IsProbe(context.Request.Path);
                        // GET /v1/cells/done?case=… carries the lab's case id before it is pseudonymised.
                        o.EnrichWithHttpRequest = (span, _) => span.SetTag("url.query", null);
                    })
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (span, _) => RedactQuery(span))
                    .AddNpgsql()
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

                moreTracing?.Invoke(tracing);
            });

        if (otlp is not null)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(FarmTelemetry.Name, MassTransit)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddOtlpExporter((o, reader) =>
                {
                    Configure(o, otlp, protocol, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 15_000;
                }));
        }

        return services;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    // The object store's signed URLs carry their signature in the query: the path is enough to follow a request.
    private static void RedactQuery(System.Diagnostics.Activity span)
    {
        if (span.GetTagItem("url.full") is string full && full.IndexOf('?', StringComparison.Ordinal) is var at and >= 0)
        {
            span.SetTag("url.full", full[..at]);
        }
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
