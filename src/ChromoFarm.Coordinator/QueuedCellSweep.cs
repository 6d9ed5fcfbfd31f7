using ChromoFarm.Contracts;
using ChromoFarm.Results;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChromoFarm.Coordinator;

/// <summary>
/// Nothing stays queued for ever. A cell with no answer after <see cref="QueuedCellSweepOptions.QueuedTimeout"/>
/// (its message dead-lettered, purged, or lost with a broker's disk) is sent again from the submission the database
/// kept, up to <see cref="QueuedCellSweepOptions.Resends"/> times; then it fails with a reason that says so.
/// </summary>
/// <remarks>
/// While the work queue still holds ready messages the sweep waits: those cells are behind a backlog, not lost, and a
/// re-send would only analyse them twice. It waits one more timeout after the queue was last seen busy, because the
/// broker's count leaves out what workers have prefetched and not yet answered. Results are idempotent, so a re-send
/// that races the original answer costs one analysis and never a second result.
/// </remarks>
public sealed partial class QueuedCellSweep(
    ResultsStore results, IBus bus, IWorkQueueDepth queue, QueuedCellSweepOptions options, ILogger<QueuedCellSweep> log, TimeProvider? clock = null)
    : BackgroundService
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    // When the work queue last held ready messages; a fresh coordinator assumes it just did.
    private DateTimeOffset lastBusy = (clock ?? TimeProvider.System).GetUtcNow();

    /// <summary>One pass: what it sent again and what it failed.</summary>
    public async Task<(int Resent, int Failed)> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ready = await queue.ReadyAsync(cancellationToken).ConfigureAwait(false);
        if (ready > 0)
        {
            lastBusy = now;
        }

        var stale = await results.QueuedBeforeAsync(now - options.QueuedTimeout, options.BatchSize, cancellationToken).ConfigureAwait(false);
        if (stale.Count == 0)
        {
            return (0, 0);
        }

        if (now - lastBusy < options.QueuedTimeout)
        {
            Waiting(log, stale.Count, options.QueuedTimeout, ready);
            return (0, 0);
        }

        int resent = 0, failed = 0;
        foreach (var cell in stale)
        {
            if (cell.Submission is { } submission && cell.Resends < options.Resends)
            {
                // Counted first: if the publish fails, the next sweep tries again, one re-send fewer left.
                if (await results.MarkResentAsync(cell.CaseId, cell.CellId, cancellationToken).ConfigureAwait(false))
                {
                    await bus.Publish(submission, cancellationToken).ConfigureAwait(false);
                    resent++;
                }

                continue;
            }

            var reason = cell.Submission is null
                ? $"{cell.CaseId}/{cell.CellId}: no answer from a worker within {options.QueuedTimeout} (queued before submissions were kept, so it cannot be sent again; ingest it again)"
                : $"{cell.CaseId}/{cell.CellId}: no answer from a worker within {options.QueuedTimeout}, sent {(cell.Resends == 0 ? "once" : $"{cell.Resends + 1} times")} (see its message with chromofarm redrive --dry-run)";
            await bus.Publish(new CellFailed(cell.Submission?.BatchId ?? Guid.Empty, cell.CaseId, cell.CellId, cell.Kind, CellFailureKind.ProcessingError, reason,
                cell.Submission?.SubmittedAt ?? cell.Since), cancellationToken).ConfigureAwait(false);
            failed++;
        }

        Swept(log, resent, failed, options.QueuedTimeout);
        return (resent, failed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The database or broker is away: the next tick tries again.
                SweepFailed(log, error.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} cells queued over {Timeout} with no answer; the work queue holds {Ready} ready messages or did within that time, so they may be waiting, not lost")]
    private static partial void Waiting(ILogger log, int count, TimeSpan timeout, long ready);

    [LoggerMessage(Level = LogLevel.Warning, Message = "sweep: {Resent} cells with no answer within {Timeout} sent again, {Failed} failed")]
    private static partial void Swept(ILogger log, int resent, int failed, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "sweep of queued cells failed ({Reason}); trying again at the next interval")]
    private static partial void SweepFailed(ILogger log, string reason);
}
