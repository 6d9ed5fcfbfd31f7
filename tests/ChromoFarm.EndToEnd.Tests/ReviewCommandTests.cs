using System.Diagnostics;
using System.Net;
using ChromoFarm.Datasets;
using ChromoFarm.EndToEnd.Tests.Distributed;
using ChromoFarm.Results;
using ChromoFarm.Reviewing;
using ChromoFarm.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.EndToEnd.Tests;

/// <summary>The review commands over what `chromofarm run` wrote, as the two-command user meets them.</summary>
public sealed class ReviewCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-review-").FullName;

    [Fact]
    public async Task A_spread_run_stores_each_chromosomes_cut_out_and_karyogram_draws_both_pictures()
    {
        var output = Path.Combine(folder, "out");
        var run = await Cli.RunAsync("run", FarmInputs.Metaphases(folder, "mfish", "0im.png"), "--out", output, "--model", "auto");
        Assert.True(run.ExitCode == 0, run.Error);

        await using (var db = Open(output))
        {
            var chromosomes = await db.Chromosomes.ToListAsync();
            Assert.True(chromosomes.Count > 30, $"{chromosomes.Count} chromosomes");
            var store = new LocalFolderObjectStore(Path.Combine(output, "objects"));
            foreach (var chromosome in chromosomes)
            {
                Assert.NotNull(chromosome.CutoutKey);
                Assert.True(await store.ExistsAsync(chromosome.CutoutKey!), $"cut-out {chromosome.CutoutKey} of #{chromosome.Index} is not stored");
            }
        }

        var karyogram = Path.Combine(folder, "k.png");
        var spread = Path.Combine(folder, "s.png");
        var drawn = await Cli.RunAsync("karyogram", output, "--cell", "mfish/0im", "--out", karyogram, "--spread", spread);
        Assert.True(drawn.ExitCode == 0, drawn.Error);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await File.ReadAllBytesAsync(karyogram))[..4]);
        Assert.True(new FileInfo(spread).Length > 10_000);

        var missing = await Cli.RunAsync("karyogram", output, "--cell", "mfish/nope", "--out", karyogram);
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal($"chromofarm: {Path.Combine(output, "results.db")}: no cell 'nope' in case 'mfish'", missing.Error.Trim());
        var malformed = await Cli.RunAsync("karyogram", output, "--cell", "0im", "--out", karyogram);
        Assert.Equal("chromofarm: --cell: '0im' is not CASE/CELL", malformed.Error.Trim());
    }

    [Fact]
    public async Task Review_serves_the_run_with_a_key_for_this_session_that_is_revoked_when_it_stops()
    {
        var output = Path.Combine(folder, "out");
        var run = await Cli.RunAsync("run", FarmInputs.Pki3Cells(folder, 2), "--out", output);
        Assert.True(run.ExitCode == 0, run.Error);

        using var review = Process.Start(Cli.StartInfo("review", output, "--port", "0"))!;
        var stderr = review.StandardError.ReadToEndAsync();
        try
        {
            var line = await review.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? string.Empty;
            Assert.StartsWith("review: http://127.0.0.1:", line, StringComparison.Ordinal);
            var login = new Uri(line["review: ".Length..]);
            var key = login.Query[(login.Query.IndexOf("key=", StringComparison.Ordinal) + 4)..];
            using var http = new HttpClient { BaseAddress = new Uri(login.GetLeftPart(UriPartial.Authority)) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/cells")).StatusCode);
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            Assert.Contains("\"total\":2", await http.GetStringAsync("/v1/cells"), StringComparison.Ordinal);
        }
        finally
        {
            // Ctrl+C and SIGTERM stop it the same way.
            using (var kill = Process.Start("kill", ["-TERM", review.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await review.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(review.ExitCode == 0, await stderr);
        await using var db = Open(output);
        var sessionKey = Assert.Single(await db.ApiKeys.ToListAsync());
        Assert.Equal(ApiRoles.Reviewer, sessionKey.Role);
        Assert.NotNull(sessionKey.RevokedAt);
    }

    [Fact]
    public async Task Apikey_creates_lists_and_revokes_and_never_shows_a_key_twice()
    {
        var output = Path.Combine(folder, "out");
        Assert.Equal(0, (await Cli.RunAsync("run", FarmInputs.Pki3Cells(folder, 1), "--out", output)).ExitCode);

        var created = await Cli.RunAsync("apikey", "create", "--role", "ingest", "--name", "scanner-room-2", "--database", output);
        Assert.True(created.ExitCode == 0, created.Error);
        var key = created.Output.Trim();
        Assert.Matches("^cfk_[a-z0-9]{10}_[A-Za-z0-9]{32}$", key);
        var id = key[4..14];
        var listed = await Cli.RunAsync("apikey", "list", "--database", output);
        Assert.Contains(id, listed.Output, StringComparison.Ordinal);
        Assert.Contains("scanner-room-2", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Cli.RunAsync("apikey", "revoke", id, "--database", output)).ExitCode);
        var again = await Cli.RunAsync("apikey", "revoke", id, "--database", output);
        Assert.Equal((2, $"chromofarm: no unrevoked key with id '{id}'"), (again.ExitCode, again.Error.Trim()));
        var badRole = await Cli.RunAsync("apikey", "create", "--role", "root", "--database", output);
        Assert.Equal(2, badRole.ExitCode);
    }

    [Fact]
    public async Task Export_corrections_writes_the_accepted_cells_as_a_manifest_that_train_reads()
    {
        var output = Path.Combine(folder, "out");
        Assert.Equal(0, (await Cli.RunAsync("run", FarmInputs.Pki3Cells(folder, 3), "--out", output)).ExitCode);
        var none = await Cli.RunAsync("export-corrections", output, "--out", Path.Combine(folder, "none"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("no accepted reviews yet", none.Error, StringComparison.Ordinal);

        // A reviewer swaps two labels in one cell and accepts it, and accepts a second cell as it is; the third stays open.
        var database = ResultsDatabase.Sqlite(Path.Combine(output, "results.db"));
        var reviews = new ReviewStore(database);
        List<(string Case, string Cell)> cells;
        await using (var db = Open(output))
        {
            cells = (await db.Cells.Include(c => c.Case).OrderBy(c => c.Id).ToListAsync()).Select(c => (c.Case!.CaseKey, c.CellKey)).ToList();
        }

        var first = await reviews.CurrentAsync(cells[0].Case, cells[0].Cell);
        var (a, b) = (first!.Labels.First(l => l.Label == "1"), first.Labels.First(l => l.Label == "2"));
        Assert.Equal(ReviewOutcomeKind.Applied, (await reviews.ApplyAsync(cells[0].Case, cells[0].Cell, null, new ReviewEdit(ReviewAction.Swap, a.Index, b.Index), "dr.who", 0)).Kind);
        Assert.Equal(ReviewOutcomeKind.Applied, (await reviews.ApplyAsync(cells[0].Case, cells[0].Cell, null, new ReviewEdit(ReviewAction.Accept), "dr.who", 1)).Kind);
        Assert.Equal(ReviewOutcomeKind.Applied, (await reviews.ApplyAsync(cells[1].Case, cells[1].Cell, null, new ReviewEdit(ReviewAction.Accept), "dr.who", 0)).Kind);

        var dataset = Path.Combine(folder, "corrections");
        var export = await Cli.RunAsync("export-corrections", output, "--out", dataset);
        Assert.True(export.ExitCode == 0, export.Error);
        var manifest = DatasetManifest.Load(Path.Combine(dataset, "manifest.csv"));
        Assert.Equal(2, manifest.Cells.Count);
        Assert.All(manifest.Entries, e => Assert.True(File.Exists(e.FullPath), e.FullPath));
        var swapped = manifest.Entries.Single(e => e.Cell == $"{cells[0].Case}/{cells[0].Cell}" && e.RelativePath.EndsWith($"/{a.Index:D3}.tiff", StringComparison.Ordinal));
        Assert.Equal("2", swapped.Label.Label);
        var corrections = await File.ReadAllLinesAsync(Path.Combine(dataset, "corrections.csv"));
        Assert.Equal(2, corrections.Count(l => l.Contains(",true,dr.who,", StringComparison.Ordinal)));
        // Whole cases per split: one of the two cases validates.
        Assert.Equal(["train", "val"], manifest.Cells.Select(c => c.Split).Order().ToArray());

        var trained = await Cli.RunAsync("train", "--data", Path.Combine(dataset, "manifest.csv"), "--out", Path.Combine(folder, "lab.cfm"), "--epochs", "1");
        Assert.True(trained.ExitCode == 0, trained.Error);
        Assert.True(File.Exists(Path.Combine(folder, "lab.cfm")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static ResultsDbContext Open(string output) => new(ResultsDatabase.Sqlite(Path.Combine(output, "results.db")));
}
