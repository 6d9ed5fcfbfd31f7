using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChromoFarm.EndToEnd.Tests.Scripts;
using Xunit.Abstractions;

namespace ChromoFarm.EndToEnd.Tests.Distributed;

/// <summary>
/// The fault suite: one batch through the one-host farm while faults are injected one after another, spread over the
/// run. Nothing may be lost, duplicated or failed for it. `make test` runs 100 cells with a SIGKILLed worker and a
/// SIGKILLed coordinator; bench/faults.sh runs the same test with CHROMOFARM_FAULTS_CELLS=1000 and
/// CHROMOFARM_FAULTS=worker,rabbitmq,postgres,objectstore,coordinator and the production batch
/// (CHROMOFARM_FAULTS_BATCH=8), and CHROMOFARM_FAULTS_REPORT names the file that gets its JSON line.
/// </summary>
[Collection(DistributedFarmGroup.Name)]
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    private static readonly string[] Known = ["worker", "coordinator", "rabbitmq", "postgres", "objectstore"];

    [SkippableFact]
    public async Task A_batch_survives_killed_roles_and_restarted_services_with_nothing_lost_or_duplicated()
    {
        var cells = int.Parse(System.Environment.GetEnvironmentVariable("CHROMOFARM_FAULTS_CELLS") ?? "100", CultureInfo.InvariantCulture);
        var faults = (System.Environment.GetEnvironmentVariable("CHROMOFARM_FAULTS") ?? "worker,coordinator").Split(',', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(faults, f => Assert.Contains(f, Known));
        // Small batches in the short run, so that each fault finds work in flight however fast the machine is.
        var batch = System.Environment.GetEnvironmentVariable("CHROMOFARM_FAULTS_BATCH") ?? "2";
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            // Production retries, and a sweep quick enough to recover a cell whose message an outage sent to an error
            // queue within the run.
            var settings = new Dictionary<string, string>
            {
                ["CHROMOFARM_RABBITMQ__RETRYLIMIT"] = "3",
                ["CHROMOFARM_COORDINATOR__QUEUEDTIMEOUT"] = "00:01:00",
                ["CHROMOFARM_COORDINATOR__SWEEPINTERVAL"] = "00:00:05",
                ["CHROMOFARM_WORKER__CELLSPERBATCH"] = batch,
                ["CHROMOFARM_WORKER__FORWARDBATCHSIZE"] = batch == "2" ? "16" : "256",
            };
            var coordinator = await farm.StartAsync("coordinator", extra: settings);
            await farm.StartAsync("ingest", extra: settings);
            var clock = Stopwatch.StartNew();
            var (ingest, counts) = await farm.IngestAsync(FarmInputs.Pki3Cells(farm.Folder, cells));
            Assert.True(ingest.ExitCode == 0, ingest.Error);
            Assert.Equal(cells, counts!.Value.GetProperty("accepted").GetInt32());

            // Every cell is queued before the worker starts, so the faults fall where the thresholds put them
            // (ingest is slower than analysis: a worker started first would finish most cells before the first fault).
            var worker = await farm.StartAsync("worker", "worker-1", settings);

            var recoveries = new List<object>();
            for (var i = 0; i < faults.Length; i++)
            {
                // Each fault strikes at its share of the run, while the worker is in the middle of a batch.
                var threshold = (long)cells * (i + 1) / (faults.Length + 1);
                await WaitForCompletedAsync(farm, threshold);
                var completed = await CompletedAsync(farm);
                Assert.True(completed < cells, $"all {cells} cells were done before the {faults[i]} fault");
                var fault = Stopwatch.StartNew();
                switch (faults[i])
                {
                    case "worker":
                        worker.Kill();
                        worker = await farm.StartAsync("worker", $"worker-{i + 2}", settings);
                        break;
                    case "coordinator":
                        coordinator.Kill();
                        coordinator = await farm.StartAsync("coordinator", $"coordinator-{i + 2}", settings);
                        break;
                    case "rabbitmq":
                        await ServicesAsync("stop", "rabbitmq-server");
                        await ServicesAsync("start");
                        break;
                    case "postgres":
                        await ServicesAsync("stop", "postgresql");
                        await ServicesAsync("start");
                        break;
                    case "objectstore":
                        await ServicesAsync("stop", "s3rver");
                        await Task.Delay(TimeSpan.FromSeconds(30));
                        await ServicesAsync("start");
                        break;
                }

                var down = fault.Elapsed.TotalSeconds;
                // Recovery: from the fault's end to the next cell completed after it.
                var back = await CompletedAsync(farm);
                await WaitForCompletedAsync(farm, Math.Min(cells, back + 1));
                recoveries.Add(new { fault = faults[i], at_cells = completed, down_s = Math.Round(down, 1), recovery_s = Math.Round(fault.Elapsed.TotalSeconds - down, 1) });
            }

            await farm.WaitForFinalAsync(cells, TimeSpan.FromMinutes(cells / 20.0 + 5));
            // The farm queues drain; an outage may leave copies in the error queues of messages the sweep has since
            // sent again: counted, not waited for (an operator purges them, or redrives them at the cost of a re-analysis).
            await farm.WaitForEmptyQueuesAsync(TimeSpan.FromMinutes(5), [.. Contracts.FarmQueues.All.Select(q => q.Queue)]);
            var seconds = clock.Elapsed.TotalSeconds;
            var depths = await farm.QueueDepthsAsync();
            var final = await farm.CellsAsync();
            var report = JsonSerializer.Serialize(new
            {
                cells,
                completed = final.Count(c => c.Status == "Completed"),
                failed = final.Count(c => c.Status == "Failed"),
                lost = cells - final.Count(c => c.Status is "Completed" or "Failed"),
                duplicate_results = final.Sum(c => Math.Max(0, c.Results - 1)),
                resent = await farm.ScalarAsync("SELECT coalesce(sum(resends), 0) FROM cells"),
                left_in_error_queues = depths.Where(d => d.Key.EndsWith("_error", StringComparison.Ordinal) || d.Key == "dead-letter").Sum(d => d.Value),
                seconds = Math.Round(seconds, 1),
                faults = recoveries,
            });
            output.WriteLine(report);
            if (System.Environment.GetEnvironmentVariable("CHROMOFARM_FAULTS_REPORT") is { Length: > 0 } path)
            {
                await File.WriteAllTextAsync(path, report + "\n");
            }

            Assert.Equal(cells, final.Count);
            Assert.All(final, c => Assert.True(c.Status == "Completed" && c.Results == 1, $"{c.Cell}: {c.Status} with {c.Results} results ({c.Error})"));
        }
    }

    // The database itself may be restarting: a failed count is asked again.
    private static async Task<long> CompletedAsync(LocalFarm farm)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await farm.ScalarAsync("SELECT count(*) FROM cells WHERE status = 'Completed'");
            }
            catch (Npgsql.NpgsqlException) when (attempt < 100)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await Task.Delay(200);
            }
        }
    }

    private static async Task WaitForCompletedAsync(LocalFarm farm, long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (await CompletedAsync(farm) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"fewer than {count} cells completed after 10 minutes");
            }

            await Task.Delay(100);
        }
    }

    private static async Task ServicesAsync(params string[] arguments)
    {
        var result = await Bash.RunAsync("scripts/services.sh", null, arguments);
        Assert.True(result.ExitCode == 0, $"scripts/services.sh {string.Join(' ', arguments)}: {result.Error}");
    }
}
