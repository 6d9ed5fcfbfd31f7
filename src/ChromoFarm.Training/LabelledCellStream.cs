using System.Collections.Concurrent;
using ChromoFarm.Datasets;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Training;

/// <summary>
/// Manifest cells loaded (read, decoded, measured) chunk by chunk, in manifest order. With a prefetch, a background
/// task loads the next chunks, their cells in parallel, while the caller classifies the current one, so decoding
/// overlaps the forward pass instead of alternating with it.
/// </summary>
internal static class LabelledCellStream
{
    /// <param name="prefetch">Chunks loaded ahead of the caller (bounded, so memory stays bounded); 0: each chunk is loaded on the caller's thread when asked for, one cell after another.</param>
    /// <returns>Chunks the caller owns and must dispose; chunks loaded but never taken are disposed here.</returns>
    public static IEnumerable<LabelledCell[]> Chunks(IReadOnlyList<ManifestCell> cells, int cellsPerChunk, CellPreparation preparation, int prefetch, StageClock? clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellsPerChunk);
        ArgumentOutOfRangeException.ThrowIfNegative(prefetch);
        var ranges = Enumerable.Range(0, (cells.Count + cellsPerChunk - 1) / cellsPerChunk)
            .Select(k => (Start: k * cellsPerChunk, Count: Math.Min(cellsPerChunk, cells.Count - (k * cellsPerChunk))))
            .ToArray();
        return prefetch == 0
            ? ranges.Select(r => LoadInTurn(cells, r.Start, r.Count, preparation, clock))
            : Prefetched(cells, ranges, preparation, prefetch, clock);
    }

    private static LabelledCell[] LoadInTurn(IReadOnlyList<ManifestCell> cells, int start, int count, CellPreparation preparation, StageClock? clock)
    {
        var loaded = new List<LabelledCell>(count);
        try
        {
            for (var i = start; i < start + count; i++)
            {
                loaded.Add(LabelledCell.Load(cells[i], preparation, clock));
            }

            return [.. loaded];
        }
        catch
        {
            loaded.ForEach(c => c.Dispose());
            throw;
        }
    }

    private static IEnumerable<LabelledCell[]> Prefetched(IReadOnlyList<ManifestCell> cells, (int Start, int Count)[] ranges, CellPreparation preparation, int prefetch, StageClock? clock)
    {
        using var queue = new BlockingCollection<LabelledCell[]>(prefetch);
        using var stop = new CancellationTokenSource();
        var loader = Task.Run(() =>
        {
            try
            {
                foreach (var (start, count) in ranges)
                {
                    var chunk = LabelledCell.LoadAll(cells.Skip(start).Take(count).ToArray(), preparation, clock: clock).ToArray();
                    try
                    {
                        queue.Add(chunk, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        Dispose(chunk);
                        return;
                    }
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        });
        try
        {
            foreach (var chunk in queue.GetConsumingEnumerable())
            {
                yield return chunk;
            }

            // A load that failed ends the queue early: its exception (an undecodable crop, named) surfaces here.
            loader.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            // The caller stopped early or failed: wait for the loader, then free what it left in the queue.
            try
            {
                loader.Wait();
            }
            catch (AggregateException)
            {
                // Already surfaced above, or superseded by the caller's own exception.
            }

            while (queue.TryTake(out var left))
            {
                Dispose(left);
            }
        }
    }

    private static void Dispose(LabelledCell[] chunk)
    {
        foreach (var cell in chunk)
        {
            cell.Dispose();
        }
    }
}
