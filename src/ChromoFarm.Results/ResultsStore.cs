using ChromoFarm.Contracts;
using ChromoFarm.Karyotyping;
using ChromoFarm.Results.Entities;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

namespace ChromoFarm.Results;

/// <summary>Idempotent writes of cell outcomes: a redelivered message changes nothing.</summary>
/// <remarks>
/// A result is keyed by (case, cell, model version). The unique indexes are the final guard: when two writers
/// race, the loser's insert fails on an index and the write is attempted again from a fresh read, which then
/// finds the winner's rows.
/// </remarks>
public sealed class ResultsStore(DbContextOptions<ResultsDbContext> options, TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    // A unique-index violation means another writer committed first: the case or cell row, or this very result.
    // Only a fresh attempt, which sees what was committed, can tell which.
    private const int Attempts = 3;

    /// <returns>True when a result for this cell and model version was already stored (nothing was changed).</returns>
    /// <param name="priorsVersion">The copy-number priors the call was made with.</param>
    public Task<bool> SaveCompletedAsync(CellClassified message, CellKaryotypeCall call, string priorsVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(priorsVersion);
        return WithRetryAsync(() => TrySaveCompletedAsync(message, call, priorsVersion, cancellationToken));
    }

    /// <returns>True when the cell already had a stored outcome that this failure must not overwrite.</returns>
    public Task<bool> SaveFailedAsync(CellFailed message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WithRetryAsync(() => TrySaveFailedAsync(message, cancellationToken));
    }

    /// <summary>Records that ingest submitted a cell, with the message it sent; a cell already known is left as it is.</summary>
    /// <returns>True when the cell was already known.</returns>
    /// <remarks>
    /// Ingest publishes first and records second, so a crash in between re-publishes on the next run; results are
    /// idempotent, so the worst case is one analysis too many, never a lost cell. An existing row is never changed:
    /// the worker's answer may already have been stored.
    /// </remarks>
    public Task<bool> RecordQueuedAsync(AnalyzeCell message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.CaseId);
        ArgumentException.ThrowIfNullOrEmpty(message.CellId);
        return WithRetryAsync(async () =>
        {
            await using var db = new ResultsDbContext(options);
            var cell = await FindOrAddCellAsync(db, message.CaseId, message.CellId, message.Kind, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (cell.Id != 0)
            {
                return true;
            }

            cell.Status = CellStatus.Queued;
            cell.Submission = JsonSerializer.Serialize(message);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return false;
        });
    }

    /// <summary>Cells still queued whose last submission is older than <paramref name="before"/>, oldest first.</summary>
    public async Task<IReadOnlyList<QueuedCell>> QueuedBeforeAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var db = new ResultsDbContext(options);
        // SQLite cannot compare DateTimeOffset in SQL; the filter on status does the narrowing there.
        var queued = db.Cells.Where(c => c.Status == CellStatus.Queued);
        var rows = db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true
            ? (await queued.Include(c => c.Case).ToListAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.UpdatedAt < before).OrderBy(c => c.UpdatedAt).Take(limit).ToList()
            : await queued.Where(c => c.UpdatedAt < before).OrderBy(c => c.UpdatedAt).Take(limit).Include(c => c.Case).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(c => new QueuedCell(c.Case!.CaseKey, c.CellKey, c.SourceKind == "metaphase" ? CellSourceKind.Metaphase : CellSourceKind.CropSet,
            c.Submission is null ? null : JsonSerializer.Deserialize<AnalyzeCell>(c.Submission), c.Resends, c.UpdatedAt)).ToList();
    }

    /// <summary>Counts one more re-send of a queued cell and starts its wait again.</summary>
    /// <returns>False when the cell is no longer queued (an answer came in meanwhile): nothing to send.</returns>
    public async Task<bool> MarkResentAsync(string caseId, string cellId, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        var cell = await db.Cells.FirstOrDefaultAsync(c => c.Case!.CaseKey == caseId && c.CellKey == cellId && c.Status == CellStatus.Queued, cancellationToken).ConfigureAwait(false);
        if (cell is null)
        {
            return false;
        }

        cell.Resends++;
        cell.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The cell's status, or null when no one has submitted or answered it yet.</summary>
    public async Task<CellStatus?> StatusAsync(string caseId, string cellId, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        return await db.Cells.Where(c => c.Case!.CaseKey == caseId && c.CellKey == cellId)
            .Select(c => (CellStatus?)c.Status)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> WithRetryAsync(Func<Task<bool>> attempt)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (DbUpdateException error) when (IsUniqueViolation(error) && i < Attempts)
            {
                // Lost a race on the case, cell or result row; look again.
            }
        }
    }

    private async Task<bool> TrySaveCompletedAsync(CellClassified message, CellKaryotypeCall call, string priorsVersion, CancellationToken cancellationToken)
    {
        var assignment = call.Assignment;
        var karyotype = call.Karyotype;
        await using var db = new ResultsDbContext(options);
        var now = clock.GetUtcNow();
        var cell = await FindOrAddCellAsync(db, message.CaseId, message.CellId, message.Kind, now, cancellationToken).ConfigureAwait(false);
        if (cell.Id != 0 && await db.CellResults.AnyAsync(r => r.CellId == cell.Id && r.ModelVersion == message.ModelVersion, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        cell.Status = CellStatus.Completed;
        cell.Error = null;
        cell.Submission = null;
        cell.UpdatedAt = now;
        cell.Results.Add(new CellResultRecord
        {
            ModelVersion = message.ModelVersion,
            Karyotype = karyotype.Notation,
            ChromosomeCount = karyotype.ChromosomeCount,
            IsNormal = karyotype.IsNormal,
            SexChromosomes = karyotype.SexChromosomes,
            CallConfidence = call.Confidence,
            AlternativeKaryotype = call.Alternative?.Karyotype.Notation,
            ReviewReasons = ReviewReasonNames.Format(call.Reasons),
            NeedsReview = call.NeedsReview,
            InputCheck = message.InputCheck,
            PriorsVersion = priorsVersion,
            MeanConfidence = assignment.Confidences.Count == 0 ? 0 : assignment.Confidences.Average(),
            ChangedByAssignment = assignment.ChangedByAssignment,
            ProcessingMilliseconds = message.ProcessingTime.TotalMilliseconds,
            SubmittedAt = message.SubmittedAt,
            CompletedAt = now,
            Chromosomes = message.Chromosomes.Select((c, i) => new ChromosomeRecord
            {
                Index = c.Index,
                SourceName = c.SourceName,
                Label = assignment.Labels[i].Label,
                ArgmaxLabel = assignment.ArgmaxLabels[i].Label,
                Confidence = assignment.Confidences[i],
                ArgmaxProbability = c.Probabilities[assignment.ArgmaxLabels[i].Index],
                Length = c.Length,
                Area = c.Area,
                BoxX = c.Box?.X,
                BoxY = c.Box?.Y,
                BoxWidth = c.Box?.Width,
                BoxHeight = c.Box?.Height,
                NeedsReview = c.NeedsReview,
                ImageKey = c.ImageKey,
                CutoutKey = c.CutoutKey,
            }).ToList(),
        });

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }

    private async Task<bool> TrySaveFailedAsync(CellFailed message, CancellationToken cancellationToken)
    {
        await using var db = new ResultsDbContext(options);
        var now = clock.GetUtcNow();
        var cell = await FindOrAddCellAsync(db, message.CaseId, message.CellId, message.Kind, now, cancellationToken).ConfigureAwait(false);
        if (cell.Id != 0 && (cell.Status == CellStatus.Failed || await db.CellResults.AnyAsync(r => r.CellId == cell.Id, cancellationToken).ConfigureAwait(false)))
        {
            return true;
        }

        cell.Status = CellStatus.Failed;
        cell.Error = message.Reason;
        cell.Submission = null;
        cell.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }

    private static async Task<CellRecord> FindOrAddCellAsync(ResultsDbContext db, string caseKey, string cellKey, CellSourceKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cell = await db.Cells.Include(c => c.Case)
            .FirstOrDefaultAsync(c => c.Case!.CaseKey == caseKey && c.CellKey == cellKey, cancellationToken)
            .ConfigureAwait(false);
        if (cell is not null)
        {
            return cell;
        }

        var @case = await db.Cases.FirstOrDefaultAsync(c => c.CaseKey == caseKey, cancellationToken).ConfigureAwait(false)
            ?? db.Cases.Add(new CaseRecord { CaseKey = caseKey, CreatedAt = now }).Entity;
        cell = new CellRecord
        {
            Case = @case,
            CellKey = cellKey,
            SourceKind = kind switch
            {
                CellSourceKind.Metaphase => "metaphase",
                _ => "crop-set",
            },
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Cells.Add(cell);
        return cell;
    }

    // SQLite says "UNIQUE constraint failed"; PostgreSQL sets SQLSTATE 23505, read by name so that this project
    // does not depend on the Npgsql provider.
    internal static bool IsUniqueViolation(DbUpdateException error) =>
        error.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true
        || error.InnerException?.GetType().GetProperty("SqlState")?.GetValue(error.InnerException) as string == "23505";
}
