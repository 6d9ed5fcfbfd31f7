using ChromoFarm.Contracts;
using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results.Tests;

/// <summary>The results store on SQLite (embedded mode); <see cref="PostgresResultsStoreTests"/> runs the same on PostgreSQL.</summary>
public class ResultsStoreTests : DatabaseTests
{
    public ResultsStoreTests()
        : base(new SqliteTestDatabase())
    {
    }

    protected ResultsStoreTests(TestDatabase database)
        : base(database)
    {
    }

    [SkippableFact]
    public async Task Migrations_cover_the_whole_model()
    {
        await using var db = new ResultsDbContext(Options);
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration (update the migration and snapshot)");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [SkippableFact]
    public async Task A_queued_cell_keeps_its_submission_for_the_sweep_until_it_is_answered()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        var store = new ResultsStore(Options, clock);
        var submission = new AnalyzeCell(Guid.NewGuid(), "case", "c1", CellSourceKind.CropSet, [new CellImage(new string('a', 64), "c1/x.tiff")], clock.Now);
        Assert.False(await store.RecordQueuedAsync(submission));
        clock.Now = clock.Now.AddMinutes(10);
        Assert.False(await store.RecordQueuedAsync(submission with { CellId = "c2" }));

        // Queued before 08:05: only c1, with the message as ingest sent it.
        var stale = Assert.Single(await store.QueuedBeforeAsync(clock.Now.AddMinutes(-5), limit: 10));
        Assert.Equal(("case", "c1", 0), (stale.CaseId, stale.CellId, stale.Resends));
        Assert.Equal(submission.Images, stale.Submission!.Images);
        Assert.Equal(submission.BatchId, stale.Submission.BatchId);

        // A re-send counts and starts the wait again; an answered cell is no longer queued and keeps no submission.
        clock.Now = clock.Now.AddMinutes(1);
        Assert.True(await store.MarkResentAsync("case", "c1"));
        Assert.Empty(await store.QueuedBeforeAsync(clock.Now.AddMinutes(-5), limit: 10));
        Assert.Equal(["c2", "c1"], (await store.QueuedBeforeAsync(clock.Now.AddMinutes(1), limit: 10)).Select(c => c.CellId));
        await store.SaveCompletedAsync(Classified("c1", "model-a").Message, Classified("c1", "model-a").Call, Priors);
        Assert.False(await store.MarkResentAsync("case", "c1"));
        await using var db = new ResultsDbContext(Options);
        var c1 = await db.Cells.SingleAsync(c => c.CellKey == "c1");
        Assert.Equal((1, (string?)null), (c1.Resends, c1.Submission));
    }

    [SkippableFact]
    public async Task A_redelivered_result_is_stored_once()
    {
        var store = new ResultsStore(Options);
        var (message, call) = Classified("c1", "model-a");

        Assert.False(await store.SaveCompletedAsync(message, call, Priors));
        Assert.True(await store.SaveCompletedAsync(message, call, Priors));

        await using var db = new ResultsDbContext(Options);
        Assert.Equal(1, await db.Cells.CountAsync());
        var result = await db.CellResults.Include(r => r.Chromosomes).SingleAsync();
        Assert.Equal("46,XY", result.Karyotype);
        Assert.Equal(46, result.Chromosomes.Count);
    }

    [SkippableFact]
    public async Task Another_model_version_adds_a_second_result_for_the_same_cell()
    {
        var store = new ResultsStore(Options);
        var a = Classified("c1", "model-a");
        var b = Classified("c1", "model-b");
        await store.SaveCompletedAsync(a.Message, a.Call, Priors);
        await store.SaveCompletedAsync(b.Message, b.Call, Priors);

        await using var db = new ResultsDbContext(Options);
        Assert.Equal(1, await db.Cells.CountAsync());
        Assert.Equal(2, await db.CellResults.CountAsync());
    }

    [SkippableFact]
    public async Task A_failure_is_recorded_with_its_reason_and_never_overwrites_a_result()
    {
        var store = new ResultsStore(Options);
        var failed = new CellFailed(Guid.NewGuid(), "case", "bad", CellSourceKind.Metaphase, CellFailureKind.InvalidInput, "bad.png: not an image", DateTimeOffset.UtcNow);
        Assert.False(await store.SaveFailedAsync(failed));
        Assert.True(await store.SaveFailedAsync(failed));

        var done = Classified("c1", "model-a");
        await store.SaveCompletedAsync(done.Message, done.Call, Priors);
        Assert.True(await store.SaveFailedAsync(failed with { CellId = "c1" }));

        await using var db = new ResultsDbContext(Options);
        var bad = await db.Cells.SingleAsync(c => c.CellKey == "bad");
        Assert.Equal("bad.png: not an image", bad.Error);
        Assert.Equal(Entities.CellStatus.Completed, (await db.Cells.SingleAsync(c => c.CellKey == "c1")).Status);
    }

    [SkippableFact]
    public async Task Concurrent_writes_for_cells_of_a_new_case_all_land()
    {
        // Every writer races to create the same case row; the losers must retry, not report a duplicate.
        var store = new ResultsStore(Options);
        var cells = Enumerable.Range(0, 8).Select(i => Classified($"c{i}", "model-a")).ToArray();
        var failed = new CellFailed(Guid.NewGuid(), "case", "bad", CellSourceKind.Metaphase, CellFailureKind.InvalidInput, "bad.png: corrupt", DateTimeOffset.UtcNow);

        var duplicates = await Task.WhenAll(cells.Select(c => Task.Run(() => store.SaveCompletedAsync(c.Message, c.Call, Priors)))
            .Append(Task.Run(() => store.SaveFailedAsync(failed))));

        Assert.All(duplicates, Assert.False);
        await using var db = new ResultsDbContext(Options);
        Assert.Equal(1, await db.Cases.CountAsync());
        Assert.Equal(9, await db.Cells.CountAsync());
        Assert.Equal(8, await db.CellResults.CountAsync());
    }

    [SkippableFact]
    public async Task A_trisomy_is_stored_with_its_call_confidence_review_reasons_and_priors()
    {
        var store = new ResultsStore(Options);
        var (message, call) = Classified("c1", "model-a", extra: ChromosomeClass.Parse("21"));

        await store.SaveCompletedAsync(message, call, Priors);

        await using var db = new ResultsDbContext(Options);
        var result = await db.CellResults.SingleAsync();
        Assert.Equal("47,XY,+21", result.Karyotype);
        Assert.Equal("XY", result.SexChromosomes);
        Assert.False(result.IsNormal);
        Assert.True(result.NeedsReview);
        Assert.Equal("abnormal_count;abnormal_karyotype", result.ReviewReasons);
        Assert.Equal(call.Confidence, result.CallConfidence);
        Assert.Equal(call.Alternative?.Karyotype.Notation, result.AlternativeKaryotype);
        Assert.Equal(Priors, result.PriorsVersion);
    }

    private const string Priors = TestResults.Priors;

    private static (CellClassified Message, CellKaryotypeCall Call) Classified(string cell, string model, ChromosomeClass? extra = null) =>
        TestResults.Classified(cell, model, extra);
}
