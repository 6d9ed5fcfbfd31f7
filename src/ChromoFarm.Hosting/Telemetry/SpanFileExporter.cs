using System.Diagnostics;
using System.Text.Json;
using OpenTelemetry;

namespace ChromoFarm.Hosting.Telemetry;

/// <summary>
/// Appends finished spans to a file, one JSON object per line, flushed per batch: what a test (or an operator without
/// a collector) reads to follow a trace across processes. One file per process: appends from several processes would
/// overwrite each other.
/// </summary>
public sealed class SpanFileExporter(string path, string serviceName) : BaseExporter<Activity>
{
    private readonly FileStream file = new(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);

    public override ExportResult Export(in Batch<Activity> batch)
    {
        using var buffer = new MemoryStream();
        foreach (var span in batch)
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("service", serviceName);
                json.WriteNumber("pid", Environment.ProcessId);
                json.WriteString("traceId", span.TraceId.ToHexString());
                json.WriteString("spanId", span.SpanId.ToHexString());
                json.WriteString("parentSpanId", span.ParentSpanId == default ? null : span.ParentSpanId.ToHexString());
                json.WriteString("source", span.Source.Name);
                json.WriteString("name", span.DisplayName);
                json.WriteString("kind", span.Kind.ToString());
                json.WriteString("start", span.StartTimeUtc);
                json.WriteNumber("durationMs", span.Duration.TotalMilliseconds);
                json.WriteString("status", span.Status.ToString());
                json.WriteStartObject("tags");
                foreach (var (key, value) in span.TagObjects)
                {
                    json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
        }

        file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        file.Flush();
        return ExportResult.Success;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
