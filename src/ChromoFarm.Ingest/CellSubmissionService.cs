using System.Diagnostics;
using ChromoFarm.Contracts;
using ChromoFarm.Diagnostics;
using ChromoFarm.Results;
using ChromoFarm.Results.Entities;
using ChromoFarm.Security;
using ChromoFarm.Storage;
using MassTransit;

namespace ChromoFarm.Ingest;

/// <summary>
/// The ingest role's side of a submission: checks that the cell's images are stored, publishes one AnalyzeCell and
/// records the cell as queued. A cell that is queued or completed is a duplicate and is not sent again; a failed cell
/// is sent again (its file may have been replaced).
/// </summary>
/// <remarks>Each submission starts the cell's trace ("ingest cell"); the worker and coordinator continue it. With
/// <paramref name="pseudonyms"/>, the patient id is replaced here, before it reaches a message, span or row.</remarks>
public sealed class CellSubmissionService(StoredObjectIndex objects, IPublishEndpoint publisher, ResultsStore results, TimeProvider? clock = null, PatientPseudonyms? pseudonyms = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <exception cref="ArgumentException">The upload itself is malformed (no ids, no images, a key that is not a
    /// SHA-256); the message says which field. A rejected upload needs only its ids.</exception>
    public async Task<SubmissionResult> SubmitAsync(CellUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        Validate(upload);
        if (pseudonyms is not null)
        {
            upload = PseudonymisedInput.Of(upload, pseudonyms);
        }

        using var span = StartTrace();
        span?.SetTag("chromofarm.case", upload.CaseId);
        span?.SetTag("chromofarm.cell", upload.CellId);
        span?.SetTag("chromofarm.images", upload.Images.Count);

        if (await IsStoredDoneAsync(upload.CaseId, upload.CellId, cancellationToken).ConfigureAwait(false))
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

        var submission = new AnalyzeCell(upload.BatchId, upload.CaseId, upload.CellId, upload.Kind, upload.Images, now);
        await publisher.Publish(submission, cancellationToken).ConfigureAwait(false);
        await results.RecordQueuedAsync(submission, cancellationToken).ConfigureAwait(false);
        span?.SetTag("chromofarm.outcome", "accepted");
        return new SubmissionResult(SubmissionOutcome.Accepted);
    }

    /// <summary>Queued or completed: submitting it again would change nothing. <paramref name="caseId"/> as the
    /// client knows it (the pseudonym is applied here).</summary>
    public Task<bool> IsDoneAsync(string caseId, string cellId, CancellationToken cancellationToken = default) =>
        pseudonyms is null ? IsStoredDoneAsync(caseId, cellId, cancellationToken)
            : IsStoredDoneAsync(pseudonyms.Of(caseId), pseudonyms.Within(cellId, caseId), cancellationToken);

    private async Task<bool> IsStoredDoneAsync(string caseId, string cellId, CancellationToken cancellationToken) =>
        await results.StatusAsync(caseId, cellId, cancellationToken).ConfigureAwait(false) is CellStatus.Queued or CellStatus.Completed;

    // Each cell gets a trace of its own, linked to the HTTP request that carried it (whose trace the client chose).
    private static Activity? StartTrace()
    {
        var request = Activity.Current;
        Activity.Current = null;
        return FarmTelemetry.Source.StartActivity("ingest cell", ActivityKind.Producer, default(ActivityContext), links: request is null ? null : [new ActivityLink(request.Context)]);
    }

    private async Task<string?> MissingImageAsync(CellUpload upload, CancellationToken cancellationToken)
    {
        var missing = await objects.MissingAsync(upload.Images.Select(i => i.ObjectKey).ToList(), cancellationToken).ConfigureAwait(false);
        if (missing.Count == 0)
        {
            return null;
        }

        var image = upload.Images.First(i => i.ObjectKey == missing[0]);
        return $"{image.SourceName}: object {image.ObjectKey} was not uploaded";
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
