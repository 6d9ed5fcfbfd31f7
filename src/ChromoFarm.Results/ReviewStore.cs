using ChromoFarm.Results.Entities;
using ChromoFarm.Reviewing;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results;

/// <summary>
/// People's corrections: every step adds a revision of the labels and an audit row in one transaction, never
/// changing the model's result or an earlier revision. A step names the revision it was made on; if someone else
/// has moved the cell on since, it is refused as a conflict rather than silently applied to labels the reviewer
/// has not seen.
/// </summary>
public sealed class ReviewStore(DbContextOptions<ResultsDbContext> options, TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <summary>The cell's latest result (or <paramref name="modelVersion"/>'s) with its review; null when there is none.</summary>
    public async Task<ReviewState?> CurrentAsync(string caseKey, string cellKey, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        var result = await FindResultAsync(db, caseKey, cellKey, modelVersion, cancellationToken).ConfigureAwait(false);
        return result is null ? null : await StateAsync(db, result, caseKey, cellKey, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="actor">Who acts: the credential's name.</param>
    /// <param name="expectedRevision">The revision the reviewer saw; null to act on whatever is current (API scripts).</param>
    public async Task<ReviewOutcome> ApplyAsync(
        string caseKey, string cellKey, string? modelVersion, ReviewEdit edit, string actor, int? expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        await using var db = new ResultsDbContext(options);
        var result = await FindResultAsync(db, caseKey, cellKey, modelVersion, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return ReviewOutcome.NotFound($"no result for cell '{cellKey}' of case '{caseKey}'" + (modelVersion is null ? string.Empty : $" by model {modelVersion}"));
        }

        var state = await StateAsync(db, result, caseKey, cellKey, cancellationToken).ConfigureAwait(false);
        if (expectedRevision is { } expected && expected != state.Revision)
        {
            return new ReviewOutcome(ReviewOutcomeKind.Conflict, $"the cell is at revision {state.Revision} (by {state.Reviewer}), not {expected}: reload it", state);
        }

        IReadOnlyList<ReviewedLabel> labels;
        ReviewStatus status;
        try
        {
            (labels, status) = Next(state, edit);
        }
        catch (InvalidReviewEditException error)
        {
            return new ReviewOutcome(ReviewOutcomeKind.Invalid, error.Message, state);
        }

        var karyotype = LabelCorrections.Karyotype(labels);
        var now = clock.GetUtcNow();
        var review = new ReviewRecord
        {
            CellResultId = result.Id,
            Revision = state.Revision + 1,
            Reviewer = actor,
            CreatedAt = now,
            Status = status,
            Karyotype = karyotype.Notation,
            ChromosomeCount = karyotype.ChromosomeCount,
            IsNormal = karyotype.IsNormal,
            SexChromosomes = karyotype.SexChromosomes,
            Note = edit.Note,
            Labels = labels.Select(l => new ReviewLabelRecord { Index = l.Index, Label = l.Label, Added = l.Added }).ToList(),
        };
        var (from, to) = Change(state, edit, status);
        var audit = new AuditRecord
        {
            At = now,
            Actor = actor,
            Action = LabelCorrections.Name(edit.Action),
            CaseKey = caseKey,
            CellKey = cellKey,
            ModelVersion = result.ModelVersion,
            ChromosomeIndex = edit.Action is ReviewAction.AddMissed ? labels[^1].Index : edit.Chromosome,
            OtherIndex = edit.Other,
            FromValue = from,
            ToValue = to,
            Detail = string.Join("; ", new[] { $"{state.Karyotype.Notation} -> {karyotype.Notation}", edit.Note }.Where(d => !string.IsNullOrWhiteSpace(d))),
        };

        // The audit row names the revision it records (no foreign key: audit rows outlive what they describe), so the
        // revision is written first, both in one transaction.
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            db.Reviews.Add(review);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            audit.ReviewId = review.Id;
            db.Audit.Add(audit);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException error) when (ResultsStore.IsUniqueViolation(error))
        {
            return new ReviewOutcome(ReviewOutcomeKind.Conflict, $"someone else changed the cell at the same moment (revision {state.Revision + 1}): reload it", state);
        }

        return new ReviewOutcome(ReviewOutcomeKind.Applied, null, state with
        {
            Revision = review.Revision,
            Status = status,
            Labels = labels,
            Karyotype = karyotype,
            Reviewer = actor,
            ReviewedAt = now,
            Note = edit.Note,
        });
    }

    /// <summary>The audit trail of one cell (every model version), oldest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> AuditAsync(string caseKey, string cellKey, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        return await db.Audit.AsNoTracking().Where(a => a.CaseKey == caseKey && a.CellKey == cellKey).OrderBy(a => a.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static (IReadOnlyList<ReviewedLabel> Labels, ReviewStatus Status) Next(ReviewState state, ReviewEdit edit)
    {
        var closed = state.Status is ReviewStatus.Accepted or ReviewStatus.Rejected;
        switch (edit.Action)
        {
            case ReviewAction.Accept:
                Refuse(state.Status == ReviewStatus.Accepted, $"the cell is already accepted (revision {state.Revision})");
                Refuse(state.Status == ReviewStatus.Rejected, "the cell is rejected: reopen it before accepting");
                return (state.Labels, ReviewStatus.Accepted);
            case ReviewAction.Reject:
                Refuse(string.IsNullOrWhiteSpace(edit.Note), "'note' is required to reject a cell: say why it cannot be analysed");
                Refuse(state.Status == ReviewStatus.Rejected, $"the cell is already rejected (revision {state.Revision})");
                return (state.Labels, ReviewStatus.Rejected);
            case ReviewAction.Reopen:
                Refuse(!closed, "the cell is open for review already; reopen undoes an accept or a reject");
                return (state.Labels, ReviewStatus.InReview);
            default:
                Refuse(closed, $"the cell is {(state.Status == ReviewStatus.Accepted ? "accepted" : "rejected")}: reopen it to edit its labels");
                return (LabelCorrections.Apply(state.Labels, edit), ReviewStatus.InReview);
        }
    }

    // From what to what, in the audit's words.
    private static (string? From, string? To) Change(ReviewState state, ReviewEdit edit, ReviewStatus status)
    {
        string? LabelOf(int? index) => state.Labels.FirstOrDefault(l => l.Index == index)?.Label;
        return edit.Action switch
        {
            ReviewAction.Relabel => (LabelOf(edit.Chromosome), ChromoFarm.Domain.ChromosomeClass.Parse(edit.Label!).Label),
            ReviewAction.Swap => (LabelOf(edit.Chromosome), LabelOf(edit.Other)),
            ReviewAction.Artefact => (LabelOf(edit.Chromosome), ReviewedLabel.Artefact),
            ReviewAction.AddMissed => (null, ChromoFarm.Domain.ChromosomeClass.Parse(edit.Label!).Label),
            ReviewAction.RemoveAdded => (LabelOf(edit.Chromosome), null),
            _ => (StatusName(state.Status), StatusName(status)),
        };
    }

    public static string StatusName(ReviewStatus? status) => status switch
    {
        null => "unreviewed",
        ReviewStatus.InReview => "in_review",
        _ => status.Value.ToString().ToLowerInvariant(),
    };

    private static void Refuse(bool refused, string reason)
    {
        if (refused)
        {
            throw new InvalidReviewEditException(reason);
        }
    }

    private static async Task<CellResultRecord?> FindResultAsync(ResultsDbContext db, string caseKey, string cellKey, string? modelVersion, CancellationToken cancellationToken) =>
        await db.CellResults.AsNoTracking()
            .Where(r => r.Cell!.Case!.CaseKey == caseKey && r.Cell.CellKey == cellKey && (modelVersion == null || r.ModelVersion == modelVersion))
            .OrderByDescending(r => r.Id)
            .Include(r => r.Chromosomes)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    private static async Task<ReviewState> StateAsync(ResultsDbContext db, CellResultRecord result, string caseKey, string cellKey, CancellationToken cancellationToken)
    {
        var latest = await db.Reviews.AsNoTracking().Where(r => r.CellResultId == result.Id).OrderByDescending(r => r.Revision)
            .Include(r => r.Labels).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var labels = latest is null
            ? result.Chromosomes.OrderBy(c => c.Index).Select(c => new ReviewedLabel(c.Index, c.Label)).ToList()
            : latest.Labels.OrderBy(l => l.Index).Select(l => new ReviewedLabel(l.Index, l.Label, l.Added)).ToList();
        return new ReviewState(
            result.Id, caseKey, cellKey, result.ModelVersion, result.Karyotype, latest?.Revision ?? 0, latest?.Status, labels,
            LabelCorrections.Karyotype(labels), latest?.Reviewer, latest?.CreatedAt, latest?.Note);
    }
}
