using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChromoFarm.Ingest;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm ingest INPUT --server URL`: send an archive to a running farm, resumably.</summary>
internal static class IngestCommand
{
    private const int PrintedReasons = 1000;

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A folder of metaphase images, an image file, or a dataset manifest CSV" };
        var server = new Option<string>("--server")
        {
            Description = "The ingest (or api) role's URL, e.g. http://localhost:8080; default $CHROMOFARM_SERVER",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CHROMOFARM_SERVER") is { Length: > 0 } url ? url : "http://localhost:8080",
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "An ingest key (chromofarm apikey create --role ingest); default $CHROMOFARM_API_KEY",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CHROMOFARM_API_KEY") is { Length: > 0 } key ? key : null,
        };
        var split = new Option<string?>("--split") { Description = "For a manifest: only cells of this split" };
        var parallel = new Option<int>("--parallel") { Description = "Cells uploaded at once", DefaultValueFactory = _ => 4 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the counts instead of the summary line" };
        var command = new Command("ingest", "Upload images to a running farm: only content it does not hold is sent; re-run to resume") { input, server, apiKey, split, parallel, json };
        command.SetAction((parse, cancellationToken) => CommandErrors.Guard(async () =>
        {
            var source = parse.GetValue(input)!;
            if (!Uri.TryCreate(parse.GetValue(server), UriKind.Absolute, out var serverUrl) || serverUrl.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--server: '{parse.GetValue(server)}' is not an http(s) URL");
            }

            var splitName = parse.GetValue(split);
            // Counting walks the input once more, lazily: memory stays flat however large the archive is.
            var total = InputScanner.Scan(source, splitName).Count();
            if (total == 0)
            {
                throw new UsageException($"{source}: no images (.png, .tif, .jpg, .bmp) found");
            }

            using var http = new HttpClient { BaseAddress = serverUrl, Timeout = TimeSpan.FromMinutes(5) };
            if (parse.GetValue(apiKey) is { } key)
            {
                http.DefaultRequestHeaders.Add(IngestHttp.ApiKeyHeader, key);
            }

            var client = new IngestClient(http);
            var rejected = new List<string>();
            var watch = Stopwatch.StartNew();
            IngestCounts counts = null!;
            // Progress goes to stderr so that stdout holds only the result (one JSON object with --json).
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"ingest {total} cells", maxValue: total);
                    counts = await client.IngestAsync(InputScanner.Scan(source, splitName), Guid.NewGuid(), parse.GetValue(parallel), (cell, result) =>
                    {
                        // An archive of 100,000 bad files must not fill memory with reasons: the first ones are
                        // printed, the rest counted (all are stored on their cells).
                        if (result.Reason is not null)
                        {
                            lock (rejected)
                            {
                                if (rejected.Count < PrintedReasons)
                                {
                                    rejected.Add(result.Reason);
                                }
                            }
                        }

                        task.Increment(1);
                    }, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);

            rejected.ForEach(reason => Console.Error.WriteLine($"chromofarm: rejected: {reason}"));
            if (counts.Rejected > rejected.Count)
            {
                Console.Error.WriteLine($"chromofarm: rejected: {counts.Rejected - rejected.Count} more cells (each cell keeps its reason: GET /v1/cells on the api role)");
            }
            var seconds = watch.Elapsed.TotalSeconds;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    cells = counts.Cells,
                    accepted = counts.Accepted,
                    duplicate = counts.Duplicate,
                    rejected = counts.Rejected,
                    images_uploaded = counts.ImagesUploaded,
                    images_already_stored = counts.ImagesAlreadyStored,
                    bytes_uploaded = counts.BytesUploaded,
                    seconds = Math.Round(seconds, 2),
                }));
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{counts.Cells} cells: {counts.Accepted} accepted, {counts.Duplicate} duplicate, {counts.Rejected} rejected; images: {counts.ImagesUploaded} uploaded ({counts.BytesUploaded / 1e6:0.0} MB), {counts.ImagesAlreadyStored} already stored; {seconds:0.0} s"));
            }

            return counts.Rejected > 0 ? ExitCodes.WorkFailed : ExitCodes.Ok;
        }));
        return command;
    }
}
