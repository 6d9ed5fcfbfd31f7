using System.Diagnostics;
using ChromoFarm.Contracts;
using ChromoFarm.Native;
using ChromoFarm.Storage;
using ChromoFarm.Worker.Classification;
using MassTransit;

namespace ChromoFarm.Worker;

/// <summary>Analyses a batch of cells: fetch → decode → segment → one classification pass across all cells.</summary>
/// <remarks>
/// A bad image fails its own cell (CellFailed with the file and reason), never the batch; anything unexpected fails
/// the cells not yet answered, so every cell ends in exactly one CellClassified or CellFailed. Consumers are created per
/// batch; the model and its input buffer are shared singletons, so batches must not run concurrently (the
/// definition sets the batch concurrency to 1).
/// </remarks>
public sealed class AnalyzeCellBatchConsumer(IObjectStore store, CellPreparation preparation, BatchClassifier classifier) : IConsumer<Batch<AnalyzeCell>>
{
    public async Task Consume(ConsumeContext<Batch<AnalyzeCell>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var watch = Stopwatch.StartNew();
        var answered = new HashSet<AnalyzeCell>(ReferenceEqualityComparer.Instance);
        var prepared = new List<(AnalyzeCell Message, PreparedCell Cell)>();
        try
        {
            foreach (var item in context.Message)
            {
                var (cell, failure) = await TryPrepareAsync(item.Message, context.CancellationToken).ConfigureAwait(false);
                if (failure is not null)
                {
                    await context.Publish(failure, context.CancellationToken).ConfigureAwait(false);
                    answered.Add(item.Message);
                }
                else
                {
                    prepared.Add((item.Message, cell!));
                }
            }

            var probabilities = classifier.Classify(prepared.Select(p => p.Cell).ToArray());
            var perCell = watch.Elapsed / Math.Max(1, prepared.Count);
            for (var i = 0; i < prepared.Count; i++)
            {
                var (message, cell) = prepared[i];
                var chromosomes = cell.Chromosomes.Select((c, k) => new ClassifiedChromosome(
                    k, c.SourceName, c.Box, c.Measure.Length, c.Measure.Area, probabilities[i][k], c.NeedsReview)).ToArray();
                await context.Publish(
                    new CellClassified(message.BatchId, message.CaseId, message.CellId, message.Kind, classifier.Model.Version, chromosomes, message.SubmittedAt, perCell),
                    context.CancellationToken).ConfigureAwait(false);
                answered.Add(message);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            foreach (var message in context.Message.Select(m => m.Message).Where(m => !answered.Contains(m)))
            {
                await context.Publish(Failed(message, CellFailureKind.ProcessingError, $"{message.CellId}: analysis failed: {error.Message}"), context.CancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var (_, cell) in prepared)
            {
                cell.Dispose();
            }
        }
    }

    private async Task<(PreparedCell? Cell, CellFailed? Failure)> TryPrepareAsync(AnalyzeCell message, CancellationToken cancellationToken)
    {
        var images = new List<(string, byte[])>(message.Images.Count);
        foreach (var image in message.Images)
        {
            try
            {
                images.Add((image.SourceName, await store.GetAsync(image.ObjectKey, cancellationToken).ConfigureAwait(false)));
            }
            catch (FileNotFoundException)
            {
                return (null, Failed(message, CellFailureKind.ProcessingError, $"{image.SourceName}: object {image.ObjectKey} is missing from the object store"));
            }
            catch (IOException error)
            {
                return (null, Failed(message, CellFailureKind.ProcessingError, $"{image.SourceName}: cannot read object {image.ObjectKey}: {error.Message}"));
            }
        }

        try
        {
            var cell = preparation.Prepare(message.Kind, images);
            if (cell.Chromosomes.Count == 0)
            {
                cell.Dispose();
                return (null, Failed(message, CellFailureKind.InvalidInput, $"{message.Images[0].SourceName}: no chromosomes found in the image"));
            }

            return (cell, null);
        }
        catch (Exception error) when (error is ImageDecodeException or ImageTooLargeException)
        {
            return (null, Failed(message, CellFailureKind.InvalidInput, error.Message));
        }
        catch (NativeException error)
        {
            return (null, Failed(message, CellFailureKind.ProcessingError, $"{message.CellId}: {error.Message}"));
        }
    }

    private static CellFailed Failed(AnalyzeCell message, CellFailureKind kind, string reason) =>
        new(message.BatchId, message.CaseId, message.CellId, message.Kind, kind, reason, message.SubmittedAt);
}
