using System.Diagnostics;
using ChromoFarm.Contracts;
using ChromoFarm.Diagnostics;
using ChromoFarm.Results;
using ChromoFarm.Results.Entities;
using ChromoFarm.Storage;
using MassTransit;

namespace ChromoFarm.Ingest;

/// <summary>
/// The ingest role's side of a submission: checks that the cell's images are stored, publishes one AnalyzeCell and
/// records the cell as queued. A cell that is queued or completed is a duplicate and is not sent again; a failed cell
/// is sent again (its file may have been replaced).
/// </summary>
/// <remarks>Each submission starts the cell's trace ("ingest cell"); the worker and coordinator continue it.</remarks>
public sealed class CellSubmissionService(IObjectStore store, IPublishEndpoint publisher, ResultsStore results, TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <exception cref="ArgumentException">The upload itself is malformed (no ids, no images, a key that is not a
    /// SHA-256); the message says which field. A rejected upload needs only its ids.</exception>
    public async Task<SubmissionResult> SubmitAsync(CellUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        Validate(upload);
        using var span = FarmTelemetry.Source.StartActivity("ingest cell", ActivityKind.Producer);
        span?.SetTag("chromofarm.case", upload.CaseId);
        span?.SetTag("chromofarm.cell", upload.CellId);
        span?.SetTag("chromofarm.images", upload.Images.Count);

        var status = await results.StatusAsync(upload.CaseId, upload.CellId, cancellationToken).ConfigureAwait(false);
        if (status is CellStatus.Queued or CellStatus.Completed)
        {
            span?.SetTag("chromofarm.outcome", "duplicate");
            return new SubmissionResult(SubmissionOutcome.Duplicate);
        }

        var now = clock.GetUtcNow();
        var reason = upload.Rejected ?? await MissingImageAsync(upload, cancellationToken).ConfigureAwait(false);
        if (reason is not null)
        {
            await publisher.Publish(new CellFailed(upload.BatchId, upload.CaseId, upload.CellId, upload.Kind, CellFailureKind.InvalidInput, reason, now), cancellationToken).ConfigureAwait(false);
            span?.SetTag("chromofarm.outcome", "rejected");
            span?.SetStatus(ActivityStatusCode.Error, reason);
            return new SubmissionResult(SubmissionOutcome.Rejected, reason);
        }

        await publisher.Publish(new AnalyzeCell(upload.BatchId, upload.CaseId, upload.CellId, upload.Kind, upload.Images, now), cancellationToken).ConfigureAwait(false);
        await results.RecordQueuedAsync(upload.CaseId, upload.CellId, upload.Kind, cancellationToken).ConfigureAwait(false);
        span?.SetTag("chromofarm.outcome", "accepted");
        return new SubmissionResult(SubmissionOutcome.Accepted);
    }

    private async Task<string?> MissingImageAsync(CellUpload upload, CancellationToken cancellationToken)
    {
        foreach (var image in upload.Images)
        {
            if (!await store.ExistsAsync(image.ObjectKey, cancellationToken).ConfigureAwait(false))
            {
                return $"{image.SourceName}: object {image.ObjectKey} was not uploaded";
            }
        }

        return null;
    }

    private static void Validate(CellUpload upload)
    {
        if (string.IsNullOrWhiteSpace(upload.CaseId) || string.IsNullOrWhiteSpace(upload.CellId))
        {
            throw new ArgumentException("caseId and cellId are required");
        }

        if (upload.Rejected is not null)
        {
            return;
        }

        if (upload.Images is null || upload.Images.Count == 0)
        {
            throw new ArgumentException($"{upload.CaseId}/{upload.CellId}: images is empty");
        }

        foreach (var image in upload.Images)
        {
            if (!ContentKey.IsKey(image.ObjectKey))
            {
                throw new ArgumentException($"{image.SourceName}: '{image.ObjectKey}' is not a lower-case SHA-256 key");
            }
        }
    }
}
