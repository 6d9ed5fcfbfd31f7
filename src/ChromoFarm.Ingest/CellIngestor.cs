using ChromoFarm.Contracts;
using ChromoFarm.Storage;
using MassTransit;

namespace ChromoFarm.Ingest;

/// <summary>What an ingest did.</summary>
/// <param name="Cells">Cells submitted for analysis (including those that failed at ingest).</param>
/// <param name="ImagesStored">Images newly written to the object store.</param>
/// <param name="ImagesAlreadyStored">Images whose content was already stored (same SHA-256): nothing written.</param>
/// <param name="CellsRejected">Cells whose files could not be read; each got a CellFailed.</param>
public sealed record IngestSummary(int Cells, int ImagesStored, int ImagesAlreadyStored, int CellsRejected);

/// <summary>Stores each cell's images in the object store and publishes one AnalyzeCell per cell.</summary>
public sealed class CellIngestor(IObjectStore store, IPublishEndpoint publisher, TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public async Task<IngestSummary> IngestAsync(IEnumerable<CellSubmission> cells, Guid batchId, Action<CellSubmission>? submitted = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        int count = 0, stored = 0, duplicates = 0, rejected = 0;
        foreach (var cell in cells)
        {
            cancellationToken.ThrowIfCancellationRequested();
            count++;
            var now = clock.GetUtcNow();
            var images = new List<CellImage>(cell.Files.Count);
            string? failure = null;
            foreach (var file in cell.Files)
            {
                try
                {
                    await using var content = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                    var result = await store.PutAsync(content, cancellationToken).ConfigureAwait(false);
                    images.Add(new CellImage(result.Key, file.SourceName));
                    if (result.AlreadyStored)
                    {
                        duplicates++;
                    }
                    else
                    {
                        stored++;
                    }
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    failure = $"{file.SourceName}: cannot read ({error.Message})";
                    break;
                }
            }

            if (failure is not null)
            {
                rejected++;
                await publisher.Publish(new CellFailed(batchId, cell.CaseId, cell.CellId, cell.Kind, CellFailureKind.InvalidInput, failure, now), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await publisher.Publish(new AnalyzeCell(batchId, cell.CaseId, cell.CellId, cell.Kind, images, now), cancellationToken).ConfigureAwait(false);
            }

            submitted?.Invoke(cell);
        }

        return new IngestSummary(count, stored, duplicates, rejected);
    }
}
