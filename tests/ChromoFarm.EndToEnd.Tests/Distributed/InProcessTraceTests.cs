using System.Diagnostics;
using ChromoFarm.Hosting;
using OpenTelemetry.Trace;

namespace ChromoFarm.EndToEnd.Tests.Distributed;

/// <summary>
/// The roles' telemetry as the hosting extensions wire it, seen through OpenTelemetry's in-memory exporter: ingest,
/// worker and coordinator run in this process over real PostgreSQL, RabbitMQ and S3, so one exporter sees every span.
/// </summary>
[Collection(DistributedFarmGroup.Name)]
public sealed class InProcessTraceTests
{
    [SkippableFact]
    public async Task One_trace_per_cell_runs_from_the_ingest_request_through_worker_and_coordinator_into_postgres_without_the_case_id()
    {
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            var spans = new List<Activity>();
            var ingestPort = LocalFarm.FreePort();
            var extra = new Dictionary<string, string>
            {
                ["CHROMOFARM_PRIVACY__PSEUDONYMKEY"] = "in-process-trace-test-key-0123456789",
            };
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var models = Path.Combine(AppContext.BaseDirectory, "models");
            Task Run(FarmRole role, int port, Action<TracerProviderBuilder>? tracing)
            {
                // Spans go to the in-memory exporter only, not to the farm's span files.
                var overrides = farm.Settings(extra)
                    .Where(s => s.Key != "CHROMOFARM_TELEMETRY__SPANDIRECTORY")
                    .Append(new("CHROMOFARM_HTTP__PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    .Select(s => new KeyValuePair<string, string?>(s.Key["CHROMOFARM_".Length..].Replace("__", ":", StringComparison.Ordinal), s.Value));
                var settings = FarmConfiguration.Load(role, configFile: null, overrides, secretsDirectory: farm.Folder);
                return Task.Run(() => FarmHost.RunAsync(settings, Path.Combine(models, "default.cfm"), Path.Combine(models, "segmenter.cfs"), tracing, stop.Token));
            }

            // One provider in the process listens to every role's sources: the exporter sees each span once.
            var roles = new[]
            {
                Run(FarmRole.Coordinator, LocalFarm.FreePort(), tracing => tracing.AddInMemoryExporter(spans)),
                Run(FarmRole.Worker, LocalFarm.FreePort(), null),
                Run(FarmRole.Ingest, ingestPort, null),
            };
            try
            {
                var ingestUrl = new Uri($"http://127.0.0.1:{ingestPort}");
                await WaitReadyAsync(ingestUrl, roles);
                var key = await farm.CreateKeyAsync("ingest");
                var input = FarmInputs.Pki3Cells(farm.Folder, 2);
                var plainCase = File.ReadLines(input).Skip(1).First().Split(',')[1];
                var ingest = await Cli.RunAsync("ingest", input, "--server", ingestUrl.ToString(), "--json", "--api-key", key);
                Assert.True(ingest.ExitCode == 0, ingest.Error);
                await farm.WaitForFinalAsync(2, TimeSpan.FromMinutes(4));
                await Task.Delay(TimeSpan.FromSeconds(1)); // the coordinator's last spans end after its write commits

                Activity[] finished;
                lock (spans)
                {
                    finished = [.. spans];
                }

                var ingestSpans = finished.Where(s => s.DisplayName == "ingest cell").ToList();
                Assert.Equal(2, ingestSpans.Count);
                foreach (var cell in ingestSpans)
                {
                    var trace = finished.Where(s => s.TraceId == cell.TraceId).ToList();
                    // Each cell starts its own trace, linked to the ASP.NET Core span of the request that carried it.
                    Assert.Equal(default, cell.ParentSpanId);
                    Assert.Contains(cell.Links, link => finished.Any(s => s.Source.Name == "Microsoft.AspNetCore" && s.Kind == ActivityKind.Server && s.SpanId == link.Context.SpanId));
                    Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);
                    Assert.Contains(trace, s => s.DisplayName == "analyze cell");
                    Assert.Contains(trace, s => s.DisplayName == "classify");
                    // The worker's object fetches are HttpClient spans; the coordinator writes through Npgsql.
                    Assert.Contains(trace, s => s.Source.Name == "System.Net.Http" && s.Kind == ActivityKind.Client);
                    Assert.Contains(trace, s => s.DisplayName == "store result");
                    Assert.Contains(trace, s => s.Source.Name == "Npgsql");
                }

                // The lab's case id was pseudonymised at ingest: the spans carry the pseudonym, and no span name or tag
                // carries the plain id (the done-check's url.query included).
                Assert.All(ingestSpans, s => Assert.StartsWith("p-", (string?)s.GetTagItem("chromofarm.case"), StringComparison.Ordinal));
                Assert.Contains(finished, s => s.DisplayName == "GET /v1/cells/done");
                Assert.DoesNotContain(finished, s => s.DisplayName.Contains(plainCase, StringComparison.Ordinal)
                    || s.TagObjects.Any(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)?.Contains(plainCase, StringComparison.Ordinal) == true));
                // Probes are not traced.
                Assert.DoesNotContain(finished, s => s.GetTagItem("url.path") is "/healthz" or "/readyz");
            }
            finally
            {
                await stop.CancelAsync();
                await Task.WhenAll(roles.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
            }
        }
    }

    private static async Task WaitReadyAsync(Uri ingest, Task[] roles)
    {
        using var http = new HttpClient { BaseAddress = ingest };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (roles.FirstOrDefault(r => r.IsFaulted) is { } failed)
            {
                await failed; // throws the role's error
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("the in-process ingest role did not become ready in 90 s");
    }
}
