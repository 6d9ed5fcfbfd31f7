using System.Text.Json;

namespace ChromoFarm.EndToEnd.Tests.Distributed;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DistributedFarmGroup
{
    public const string Name = "distributed farm";
}

/// <summary>
/// The roles as separate processes over real PostgreSQL, RabbitMQ and S3 (scripts/services.sh), as operators run
/// them. Timing is never asserted; waits are bounded so that a stuck farm fails with the roles' logs.
/// </summary>
[Collection(DistributedFarmGroup.Name)]
public sealed class DistributedFarmTests
{
    private static readonly TimeSpan Finish = TimeSpan.FromMinutes(4);

    [SkippableFact]
    public async Task Two_workers_complete_every_cell_once_and_each_cell_has_one_trace_from_ingest_to_database()
    {
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            var small = new Dictionary<string, string> { ["CHROMOFARM_WORKER__CELLSPERBATCH"] = "2" };
            await farm.StartAsync("coordinator");
            await Task.WhenAll(farm.StartAsync("worker", "worker-1", small), farm.StartAsync("worker", "worker-2", small), farm.StartAsync("ingest"));
            var api = await farm.StartAsync("api");

            var (crops, cropCounts) = await farm.IngestAsync(FarmInputs.Pki3Cells(farm.Folder, 8));
            var (metaphases, metaphaseCounts) = await farm.IngestAsync(FarmInputs.Metaphases(farm.Folder, "mfish-case", "0im.png", "3im.png"));
            Assert.True(crops.ExitCode == 0, crops.Error);
            Assert.True(metaphases.ExitCode == 0, metaphases.Error);
            Assert.Equal(8, cropCounts!.Value.GetProperty("accepted").GetInt32());
            Assert.Equal(2, metaphaseCounts!.Value.GetProperty("accepted").GetInt32());

            await farm.WaitForFinalAsync(10, Finish);
            var cells = await farm.CellsAsync();
            Assert.Equal(10, cells.Count);
            Assert.All(cells, c => Assert.Equal(("Completed", 1), (c.Status, c.Results)));

            // Both worker processes took part (each writes its own span file).
            var spans = farm.Spans();
            var analysedBy = spans.Where(s => Name(s) == "analyze cell").Select(s => s.GetProperty("pid").GetInt32()).Distinct().Count();
            Assert.Equal(2, analysedBy);

            // One trace per cell: ingest → worker → coordinator's database write.
            foreach (var cell in new[] { cells.First(c => c.Cell == "0im").Cell, cells.First(c => c.Cell != "0im" && c.Cell != "3im").Cell })
            {
                var ingest = Assert.Single(spans, s => Name(s) == "ingest cell" && Tag(s, "chromofarm.cell") == cell);
                var trace = spans.Where(s => s.GetProperty("traceId").GetString() == ingest.GetProperty("traceId").GetString()).ToList();
                Assert.Contains(trace, s => Service(s) == "chromofarm-worker" && Name(s) == "analyze cell");
                Assert.Contains(trace, s => Service(s) == "chromofarm-worker" && Name(s) == "decode");
                Assert.Contains(trace, s => Service(s) == "chromofarm-worker" && Name(s) == "classify");
                Assert.Contains(trace, s => Service(s) == "chromofarm-coordinator" && Name(s) == "assign");
                Assert.Contains(trace, s => Service(s) == "chromofarm-coordinator" && Name(s) == "store result");
                Assert.Contains(trace, s => Service(s) == "chromofarm-coordinator" && s.GetProperty("source").GetString() == "Npgsql");
                if (cell == "0im")
                {
                    Assert.Contains(trace, s => Service(s) == "chromofarm-worker" && Name(s) == "segment");
                }
            }

            // Re-running the ingest sends nothing: every cell is already there.
            var (again, againCounts) = await farm.IngestAsync(Path.Combine(farm.Folder, "pki3-cells.csv"));
            Assert.True(again.ExitCode == 0, again.Error);
            Assert.Equal((0, 8, 0), (againCounts!.Value.GetProperty("accepted").GetInt32(), againCounts.Value.GetProperty("duplicate").GetInt32(), againCounts.Value.GetProperty("images_uploaded").GetInt32()));
            Assert.Equal(10, await farm.ScalarAsync("SELECT count(*) FROM cell_results"));

            // The api role over PostgreSQL and S3: credentials required, readers read, pictures from the object store.
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{api.Port}") };
            using (var anonymous = await http.GetAsync("/v1/cells"))
            {
                Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
                Assert.Contains("no credential", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            var reader = await farm.CreateKeyAsync("reader");
            http.DefaultRequestHeaders.Add("X-Api-Key", reader);
            using (var page = JsonDocument.Parse(await http.GetStringAsync("/v1/cells?limit=4&sort=case")))
            {
                Assert.Equal(10, page.RootElement.GetProperty("total").GetInt32());
                Assert.Equal(4, page.RootElement.GetProperty("items").GetArrayLength());
            }

            using (var karyogram = await http.GetAsync("/v1/cases/mfish-case/cells/0im/karyogram.png"))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, karyogram.StatusCode);
                Assert.Equal("image/png", karyogram.Content.Headers.ContentType?.MediaType);
            }

            using (var spread = await http.GetAsync("/v1/cases/mfish-case/cells/0im/spread.png"))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, spread.StatusCode);
            }

            // A reader may not upload, on the ingest role either.
            using var ingestHttp = new HttpClient { BaseAddress = farm.IngestUrl };
            ingestHttp.DefaultRequestHeaders.Add("X-Api-Key", reader);
            using var refused = await ingestHttp.PostAsync("/v1/objects/missing", new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("this needs ingest or admin", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_worker_killed_in_the_middle_of_a_batch_loses_no_cell_and_duplicates_none()
    {
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            const int Cells = 24;
            // Small batches and small forward passes keep the worker busy long enough to be caught mid-batch.
            var slow = new Dictionary<string, string> { ["CHROMOFARM_WORKER__CELLSPERBATCH"] = "2", ["CHROMOFARM_WORKER__FORWARDBATCHSIZE"] = "8" };
            await farm.StartAsync("coordinator");
            await farm.StartAsync("ingest");
            var (ingest, _) = await farm.IngestAsync(FarmInputs.Pki3Cells(farm.Folder, Cells));
            Assert.True(ingest.ExitCode == 0, ingest.Error);

            // Every cell is queued before the first worker starts; it is killed once it has delivered something.
            var first = await farm.StartAsync("worker", "worker-killed", slow);
            while (await farm.ScalarAsync("SELECT count(*) FROM cells WHERE status = 'Completed'") < 1)
            {
                Assert.False(first.HasExited, first.Tail());
                await Task.Delay(50);
            }

            first.Kill();
            var finishedBeforeKill = await farm.ScalarAsync("SELECT count(*) FROM cells WHERE status = 'Completed'");
            Assert.True(finishedBeforeKill < Cells, $"the worker finished all {Cells} cells before it was killed");

            // The killed worker's unacknowledged cells are redelivered, including some whose results it had already
            // published: those are analysed again and must not create a second result.
            await farm.StartAsync("worker", "worker-restarted", slow);
            await farm.WaitForFinalAsync(Cells, Finish);
            await farm.WaitForEmptyQueuesAsync(Finish);
            var cells = await farm.CellsAsync();
            Assert.Equal(Cells, cells.Count);
            Assert.All(cells, c => Assert.Equal(("Completed", 1), (c.Status, c.Results)));

            // The kill did catch deliveries in flight: the new worker got them again from the broker.
            Assert.Contains(farm.Spans(), s => Name(s) == "analyze cell" && Tag(s, "chromofarm.redelivered") == "True");
        }
    }

    [SkippableFact]
    public async Task A_corrupt_image_and_a_non_image_fail_their_own_cells_with_the_reason_and_nothing_loops()
    {
        var (farm, skip) = await LocalFarm.CreateAsync();
        Skip.If(farm is null, skip);
        await using (farm)
        {
            var folder = FarmInputs.Metaphases(farm.Folder, "mixed-case", "0im.png");
            var real = await File.ReadAllBytesAsync(Path.Combine(folder, "0im.png"));
            await File.WriteAllBytesAsync(Path.Combine(folder, "truncated.png"), real[..(real.Length / 3)]);
            await File.WriteAllTextAsync(Path.Combine(folder, "notes.png"), "karyotype notes, not an image\n");

            await farm.StartAsync("coordinator");
            await Task.WhenAll(farm.StartAsync("worker"), farm.StartAsync("ingest"));
            var (ingest, counts) = await farm.IngestAsync(folder);
            Assert.True(ingest.ExitCode == 0, ingest.Error);
            Assert.Equal(3, counts!.Value.GetProperty("accepted").GetInt32());

            await farm.WaitForFinalAsync(3, Finish);
            var cells = (await farm.CellsAsync()).ToDictionary(c => c.Cell);
            Assert.Equal(("Completed", 1), (cells["0im"].Status, cells["0im"].Results));
            Assert.Equal(("Failed", 0), (cells["truncated"].Status, cells["truncated"].Results));
            Assert.Equal(("Failed", 0), (cells["notes"].Status, cells["notes"].Results));
            Assert.Contains("truncated.png", cells["truncated"].Error, StringComparison.Ordinal);
            Assert.Contains("notes.png", cells["notes"].Error, StringComparison.Ordinal);

            // Nothing is redelivered in a loop: every queue drains (the broker's counts lag by a few seconds, hence
            // the wait) and the outcomes stand.
            await farm.WaitForEmptyQueuesAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(1, await farm.ScalarAsync("SELECT count(*) FROM cell_results"));
            Assert.Equal(2, await farm.ScalarAsync("SELECT count(*) FROM cells WHERE status = 'Failed'"));
        }
    }

    private static string? Name(JsonElement span) => span.GetProperty("name").GetString();

    private static string? Service(JsonElement span) => span.GetProperty("service").GetString();

    private static string? Tag(JsonElement span, string key) =>
        span.GetProperty("tags").TryGetProperty(key, out var value) ? value.GetString() : null;
}
