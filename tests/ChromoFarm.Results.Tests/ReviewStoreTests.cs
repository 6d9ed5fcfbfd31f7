using ChromoFarm.Results.Entities;
using ChromoFarm.Reviewing;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results.Tests;

/// <summary>Corrections as revisions with an audit row each, on SQLite; <see cref="PostgresReviewStoreTests"/> on PostgreSQL.</summary>
public class ReviewStoreTests : DatabaseTests
{
    public ReviewStoreTests()
        : base(new SqliteTestDatabase())
    {
    }

    protected ReviewStoreTests(TestDatabase database)
        : base(database)
    {
    }

    [SkippableFact]
    public async Task A_relabel_adds_a_revision_and_an_audit_row_and_leaves_the_model_result_as_it_was()
    {
        await TestResults.SaveAsync(Options, "c1");
        var store = new ReviewStore(Options);

        // Chromosome 40 is one of the two 21s (indices 40, 41).
        var outcome = await store.ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.Relabel, Chromosome: 40, Label: "18"), "alice", expectedRevision: 0);

        Assert.Equal(ReviewOutcomeKind.Applied, outcome.Kind);
        Assert.Equal(1, outcome.State!.Revision);
        Assert.Equal(ReviewStatus.InReview, outcome.State.Status);
        Assert.Equal("46,XY,+18,-21", outcome.State.Karyotype.Notation);
        await using var db = new ResultsDbContext(Options);
        Assert.Equal("46,XY", (await db.CellResults.SingleAsync()).Karyotype);
        Assert.Equal("21", (await db.Chromosomes.SingleAsync(c => c.Index == 40)).Label);
        var audit = await db.Audit.SingleAsync();
        Assert.Equal(("alice", "relabel", "21", "18", 40), (audit.Actor, audit.Action, audit.FromValue, audit.ToValue, audit.ChromosomeIndex));
        Assert.Equal("46,XY -> 46,XY,+18,-21", audit.Detail);
        Assert.Equal((await db.Reviews.SingleAsync()).Id, audit.ReviewId);
    }

    [SkippableFact]
    public async Task Accepting_signs_off_the_corrected_labels_and_a_further_edit_needs_a_reopen()
    {
        await TestResults.SaveAsync(Options, "c1");
        var store = new ReviewStore(Options);
        await store.ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.AddMissed, Label: "21"), "alice", 0);

        var accepted = await store.ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.Accept), "bob", 1);
        var refused = await store.ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.Relabel, Chromosome: 0, Label: "2"), "bob", 2);
        var reopened = await store.ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.Reopen), "bob", 2);

        Assert.Equal((ReviewStatus.Accepted, "47,XY,+21"), (accepted.State!.Status, accepted.State.Karyotype.Notation));
        Assert.Equal(ReviewOutcomeKind.Invalid, refused.Kind);
        Assert.Contains("reopen it to edit", refused.Reason, StringComparison.Ordinal);
        Assert.Equal((ReviewStatus.InReview, 3), (reopened.State!.Status, reopened.State.Revision));
        var current = await store.CurrentAsync("case", "c1");
        Assert.Equal(47, current!.Labels.Count);
        Assert.Contains(current.Labels, l => l.Added && l.Label == "21");
    }

    [SkippableFact]
    public async Task A_step_made_on_a_stale_revision_is_a_conflict_and_stores_nothing()
    {
        await TestResults.SaveAsync(Options, "c1");
        var store = new ReviewStore(Options);
        await store.ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.Artefact, Chromosome: 45), "alice", 0);

        var stale = await store.ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.Relabel, Chromosome: 0, Label: "3"), "bob", expectedRevision: 0);

        Assert.Equal(ReviewOutcomeKind.Conflict, stale.Kind);
        Assert.Contains("revision 1 (by alice)", stale.Reason, StringComparison.Ordinal);
        await using var db = new ResultsDbContext(Options);
        Assert.Equal(1, await db.Reviews.CountAsync());
        Assert.Equal(1, await db.Audit.CountAsync());
    }

    [SkippableFact]
    public async Task A_rejection_needs_a_note_and_keeps_it_in_the_audit()
    {
        await TestResults.SaveAsync(Options, "c1");
        var store = new ReviewStore(Options);

        var bare = await store.ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.Reject), "alice", 0);
        var rejected = await store.ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.Reject, Note: "overlapping spread"), "alice", 0);

        Assert.Equal(ReviewOutcomeKind.Invalid, bare.Kind);
        Assert.Equal(ReviewStatus.Rejected, rejected.State!.Status);
        var audit = Assert.Single(await store.AuditAsync("case", "c1"));
        Assert.Equal(("unreviewed", "rejected"), (audit.FromValue, audit.ToValue));
        Assert.EndsWith("overlapping spread", audit.Detail, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_unknown_cell_is_not_found_and_an_invalid_edit_stores_nothing()
    {
        await TestResults.SaveAsync(Options, "c1");
        var store = new ReviewStore(Options);

        var missing = await store.ApplyAsync("case", "nope", null, new ReviewEdit(ReviewAction.Accept), "alice", null);
        var invalid = await store.ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.Relabel, Chromosome: 3, Label: "Z"), "alice", null);

        Assert.Equal(ReviewOutcomeKind.NotFound, missing.Kind);
        Assert.Equal(ReviewOutcomeKind.Invalid, invalid.Kind);
        await using var db = new ResultsDbContext(Options);
        Assert.Equal(0, await db.Reviews.CountAsync());
        Assert.Equal(0, await db.Audit.CountAsync());
    }

    [SkippableFact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_row()
    {
        await TestResults.SaveAsync(Options, "c1");
        await new ReviewStore(Options).ApplyAsync("case", "c1", null, new ReviewEdit(ReviewAction.Accept), "alice", 0);
        await using var db = new ResultsDbContext(Options);

        var update = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET actor = 'mallory'"));
        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log"));

        Assert.Contains("append-only", update?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message, StringComparison.Ordinal);
        Assert.Equal("alice", (await db.Audit.SingleAsync()).Actor);
    }
}

public sealed class PostgresReviewStoreTests() : ReviewStoreTests(new PostgresTestDatabase());
