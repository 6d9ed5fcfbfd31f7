using System.Diagnostics;
using ChromoFarm.Contracts;
using ChromoFarm.Diagnostics;
using ChromoFarm.Native;
using ChromoFarm.Storage;
using ChromoFarm.Worker.Classification;
using MassTransit;

namespace ChromoFarm.Worker;

/// <summary>Analyses a batch of cells: fetch → decode → segment → one classification pass across all cells.</summary>
/// <remarks>
/// A store that cannot be read fails the whole batch, which the endpoint's retry runs again:
/// that is the store's fault, not the cells'. A bad image fails its own cell (CellFailed with the file and reason), never the batch; anything unexpected fails
/// the cells not yet answered, so every cell ends in exactly one CellClassified or CellFailed. Consumers are created per
/// batch; the model and its input buffer are shared singletons, so batches must not run concurrently (the
/// definition sets the batch concurrency to 1).
/// Tracing: each cell gets its own span, continuing the trace its message carries, so that one trace follows a cell
/// from ingest to the database; the shared forward pass appears in every cell's trace as a "classify" span.
/// </remarks>
public sealed class AnalyzeCellBatchConsumer(IObjectStore store, CellPreparation preparation, ScreenedClassifier classifier, TimeProvider? clock = null) : IConsumer<Batch<AnalyzeCell>>
{
    // Object-store requests in flight per batch (reads of images, writes of cut-outs).
    private const int ConcurrentFetches = 16;

    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public async Task Consume(ConsumeContext<Batch<AnalyzeCell>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var watch = Stopwatch.StartNew();
        var batchSpan = Activity.Current;
        var started = clock.GetUtcNow();
        var cells = context.Message.Select(item => new CellInFlight(item.Message, StartCellSpan(item, batchSpan))).ToList();
        var prepared = new List<(CellInFlight Cell, PreparedCell Chromosomes)>();
        try
        {
            // Objects are fetched for all cells at once (the store's latency, not its bandwidth, is what costs);
            // decoding and segmentation then run one cell at a time, as the native core uses every core already.
            using var fetching = new SemaphoreSlim(ConcurrentFetches);
            var fetched = await Task.WhenAll(cells.Select(cell => FetchAsync(cell, fetching, context.CancellationToken))).ConfigureAwait(false);
            for (var c = 0; c < cells.Count; c++)
            {
                var cell = cells[c];
                FarmTelemetry.QueueWait.Record(Math.Max(0, (started - cell.Message.SubmittedAt).TotalSeconds));
                Activity.Current = cell.Span;
                var (chromosomes, failure) = fetched[c].Failure is { } missing ? (null, missing) : Prepare(cell.Message, fetched[c].Images!);
                if (failure is not null)
                {
                    await FailAsync(context, cell, failure).ConfigureAwait(false);
                }
                else
                {
                    prepared.Add((cell, chromosomes!));
                }
            }

            Activity.Current = batchSpan;
            var classifyStart = DateTime.UtcNow;
            var screened = classifier.Classify(prepared.Select(p => p.Chromosomes).ToArray(), () => classifyStart = DateTime.UtcNow).ToList();
            var classifyEnd = DateTime.UtcNow;
            // A cell the models cannot answer (wrong stain, out of distribution) fails with the reason, as a bad image does.
            for (var i = prepared.Count - 1; i >= 0; i--)
            {
                if (screened[i].Refusal is { } refusal)
                {
                    Activity.Current = prepared[i].Cell.Span;
                    await FailAsync(context, prepared[i].Cell, Failed(prepared[i].Cell.Message, CellFailureKind.InvalidInput, refusal)).ConfigureAwait(false);
                    prepared[i].Chromosomes.Dispose();
                    prepared.RemoveAt(i);
                    screened.RemoveAt(i);
                }
            }

            // Every cut-out is stored before any cell is answered: a store failure retries the batch whole.
            var cutoutKeys = new string[]?[prepared.Count];
            for (var i = 0; i < prepared.Count; i++)
            {
                Activity.Current = prepared[i].Cell.Span;
                cutoutKeys[i] = prepared[i].Cell.Message.Kind == CellSourceKind.Metaphase
                    ? await StoreCutoutsAsync(prepared[i].Chromosomes, context.CancellationToken).ConfigureAwait(false)
                    : null;
            }

            var perCell = watch.Elapsed / Math.Max(1, prepared.Count);
            var chromosomeCount = prepared.Sum(p => p.Chromosomes.Chromosomes.Count);
            for (var i = 0; i < prepared.Count; i++)
            {
                var (cell, prepCell) = prepared[i];
                Activity.Current = cell.Span;
                RecordSharedClassifySpan(cell.Span, classifyStart, classifyEnd, prepared.Count, chromosomeCount);
                var message = cell.Message;
                var imageKeys = message.Images.DistinctBy(image => image.SourceName).ToDictionary(image => image.SourceName, image => image.ObjectKey);
                var cutouts = cutoutKeys[i];
                var chromosomes = prepCell.Chromosomes.Select((c, k) => new ClassifiedChromosome(
                    k, c.SourceName, c.Box, c.Measure.Length, c.Measure.Area, screened[i].Probabilities![k], c.NeedsReview,
                    imageKeys.GetValueOrDefault(c.SourceName), cutouts?[k])).ToArray();
                await context.Publish(
                    new CellClassified(message.BatchId, message.CaseId, message.CellId, message.Kind, screened[i].Model!.Version, chromosomes, message.SubmittedAt, perCell,
                        screened[i].Note, prepCell.OtherMetaphases),
                    context.CancellationToken).ConfigureAwait(false);
                cell.Finish(null);
            }

            FarmTelemetry.Chromosomes.Add(chromosomeCount);
            FarmTelemetry.BatchCells.Record(cells.Count);
            FarmTelemetry.BatchChromosomes.Record(chromosomeCount);
        }
        catch (Exception error) when (error is not OperationCanceledException and not ObjectStoreUnavailableException)
        {
            foreach (var cell in cells.Where(c => !c.Answered))
            {
                Activity.Current = cell.Span;
                await FailAsync(context, cell, Failed(cell.Message, CellFailureKind.ProcessingError, $"{cell.Message.CellId}: analysis failed: {error.Message}")).ConfigureAwait(false);
            }
        }
        finally
        {
            Activity.Current = batchSpan;
            foreach (var (_, chromosomes) in prepared)
            {
                chromosomes.Dispose();
            }

            // A cancelled batch (shutdown) is returned to the queue unanswered; its spans end here.
            cells.ForEach(c => c.Span?.Dispose());
            FarmTelemetry.BatchDuration.Record(watch.Elapsed.TotalSeconds);
        }
    }

    private static async Task FailAsync(ConsumeContext context, CellInFlight cell, CellFailed failure)
    {
        await context.Publish(failure, context.CancellationToken).ConfigureAwait(false);
        FarmTelemetry.Failures.Add(1, new KeyValuePair<string, object?>("kind", failure.FailureKind == CellFailureKind.InvalidInput ? "invalid_input" : "processing_error"));
        cell.Finish(failure.Reason);
    }

    private static Activity? StartCellSpan(ConsumeContext<AnalyzeCell> item, Activity? batchSpan)
    {
        var links = batchSpan is null ? null : new[] { new ActivityLink(batchSpan.Context) };
        var parent = TraceParent.Of(item) ?? batchSpan?.Context ?? default;
        var span = FarmTelemetry.Source.StartActivity("analyze cell", ActivityKind.Consumer, parent, links: links);
        span?.SetTag("chromofarm.case", item.Message.CaseId);
        span?.SetTag("chromofarm.cell", item.Message.CellId);
        // A redelivery: the worker that had it died or shut down before acknowledging.
        span?.SetTag("chromofarm.redelivered", item.ReceiveContext.Redelivered);
        return span;
    }

    // The forward pass ran once for the whole batch; each cell's trace shows it with its real start and end.
    private static void RecordSharedClassifySpan(Activity? cellSpan, DateTime start, DateTime end, int cells, int chromosomes)
    {
        if (cellSpan is null)
        {
            return;
        }

        using var span = FarmTelemetry.Source.StartActivity("classify", ActivityKind.Internal, cellSpan.Context, startTime: start);
        span?.SetTag("chromofarm.batch.cells", cells);
        span?.SetTag("chromofarm.batch.chromosomes", chromosomes);
        span?.SetEndTime(end);
    }

    private async Task<(List<(string, byte[])>? Images, CellFailed? Failure)> FetchAsync(CellInFlight cell, SemaphoreSlim throttle, CancellationToken cancellationToken)
    {
        var message = cell.Message;
        Activity.Current = cell.Span;
        using var span = FarmTelemetry.Source.StartActivity("fetch");
        span?.SetTag("chromofarm.images", message.Images.Count);
        var images = await Task.WhenAll(message.Images.Select(async image =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return (image, Bytes: await store.GetAsync(image.ObjectKey, cancellationToken).ConfigureAwait(false));
            }
            catch (FileNotFoundException)
            {
                return (image, Bytes: (byte[]?)null);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                throw new ObjectStoreUnavailableException($"{image.SourceName}: cannot read object {image.ObjectKey}: {error.Message}", error);
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);

        if (images.FirstOrDefault(i => i.Bytes is null) is { image: { } missing })
        {
            return (null, Failed(message, CellFailureKind.ProcessingError, $"{missing.SourceName}: object {missing.ObjectKey} is missing from the object store"));
        }

        return (images.Select(i => (i.image.SourceName, i.Bytes!)).ToList(), null);
    }

    // The chromosomes cut from a spread are stored (upright PNGs, content-addressed) so that a karyogram can be drawn
    // from them later without segmenting the spread again; a crop set's crops are stored already.
    private async Task<string[]> StoreCutoutsAsync(PreparedCell cell, CancellationToken cancellationToken)
    {
        using var span = FarmTelemetry.Source.StartActivity("store cut-outs");
        span?.SetTag("chromofarm.chromosomes", cell.Chromosomes.Count);
        var encoded = cell.Chromosomes.Select(c => c.Crop.EncodePng()).ToArray();
        using var throttle = new SemaphoreSlim(ConcurrentFetches);
        return await Task.WhenAll(encoded.Select(async png =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var content = new MemoryStream(png, writable: false);
                return (await store.PutAsync(content, cancellationToken).ConfigureAwait(false)).Key;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                throw new ObjectStoreUnavailableException($"cannot store a chromosome cut-out: {error.Message}", error);
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);
    }

    private (PreparedCell? Cell, CellFailed? Failure) Prepare(AnalyzeCell message, List<(string, byte[])> images)
    {
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
        catch (Exception error) when (error is ImageDecodeException or ImageTooLargeException or InputRejectedException)
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

    private sealed class CellInFlight(AnalyzeCell message, Activity? span)
    {
        public AnalyzeCell Message { get; } = message;

        public Activity? Span { get; } = span;

        public bool Answered { get; private set; }

        public void Finish(string? error)
        {
            Answered = true;
            if (error is not null)
            {
                Span?.SetStatus(ActivityStatusCode.Error, error);
            }
        }
    }
}
