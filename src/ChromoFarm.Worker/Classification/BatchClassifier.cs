using ChromoFarm.Domain;
using ChromoFarm.Native;

namespace ChromoFarm.Worker.Classification;

/// <summary>Classifies the chromosomes of many cells together: one forward pass per full batch, across cells.</summary>
/// <remarks>
/// Not thread-safe: use one per consumer. Pipelined: while one batch's forward pass runs on a pool thread, the caller
/// preprocesses the next batch (and goes on with its own work, such as scoring the cells already returned), so a
/// cell is returned by the <see cref="Push"/> after the one that filled its last batch, or by <see cref="Drain"/>.
/// </remarks>
/// <param name="clock">Receives the seconds of "preprocess" and "forward"; null: not timed.</param>
public sealed class BatchClassifier(ChromosomeModel model, int batchSize = 256, TestTimeAugmentation augmentation = TestTimeAugmentation.None,
    StageClock? clock = null)
{
    private readonly IReadOnlyList<(bool LeftRight, bool TopBottom)> views = augmentation.Views();

    // Cells pushed and not yet returned, oldest first.
    private readonly Queue<WaitingCell> waiting = new();

    // Two batches in turn: one filled by the caller while the other's forward pass runs.
    private Filling filling = new(batchSize, model.Info.Preprocessing.Canvas);
    private Filling spare = new(batchSize, model.Info.Preprocessing.Canvas);
    private (Filling Batch, Task<float[]> Probabilities)? running;

    public ChromosomeModel Model => model;

    public TestTimeAugmentation Augmentation => augmentation;

    /// <summary>Cells pushed whose chromosomes are not all classified yet; they wait for more cells or <see cref="Drain"/>.</summary>
    public int Waiting => waiting.Count;

    /// <returns>Per cell, per chromosome, the 24 class probabilities.</returns>
    /// <exception cref="InvalidOperationException">Cells pushed earlier are still waiting.</exception>
    public float[][][] Classify(IReadOnlyList<PreparedCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (waiting.Count > 0)
        {
            throw new InvalidOperationException($"{waiting.Count} pushed cell(s) are waiting; drain them before classifying others");
        }

        var results = new List<float[][]>(cells.Count);
        foreach (var cell in cells)
        {
            results.AddRange(Push(cell).Select(c => c.Probabilities));
        }

        results.AddRange(Drain().Select(c => c.Probabilities));
        return [.. results];
    }

    /// <summary>
    /// Streams a cell in: its chromosomes join the next forward passes, and a pass runs whenever the batch is full,
    /// so only the last pass of a stream runs part-empty.
    /// </summary>
    /// <returns>The cells, in the order pushed, whose chromosomes have all been classified, with their probabilities.</returns>
    public IReadOnlyList<(PreparedCell Cell, float[][] Probabilities)> Push(PreparedCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var entry = new WaitingCell(cell);
        waiting.Enqueue(entry);
        for (var i = 0; i < cell.Chromosomes.Count; i++)
        {
            filling.Add(entry, i, cell.Chromosomes[i].Crop, cell.ReferenceLength, cell.ReferenceArea);
            if (filling.Pending.Count == filling.Batch.Capacity)
            {
                Flush();
            }
        }

        return Completed();
    }

    /// <summary>Runs the part-filled batch, waits for every forward pass and returns every cell still waiting.</summary>
    public IReadOnlyList<(PreparedCell Cell, float[][] Probabilities)> Drain()
    {
        Flush();
        Collect();
        return Completed();
    }

    private List<(PreparedCell Cell, float[][] Probabilities)> Completed()
    {
        var done = new List<(PreparedCell Cell, float[][] Probabilities)>();
        while (waiting.TryPeek(out var oldest) && oldest.Left == 0)
        {
            waiting.Dequeue();
            done.Add((oldest.Cell, oldest.Rows));
        }

        return done;
    }

    // Preprocesses the filled batch, collects the pass still running, and starts this batch's pass.
    private void Flush()
    {
        if (filling.Pending.Count == 0)
        {
            return;
        }

        try
        {
            using (StageClock.Time(clock, "preprocess"))
            {
                model.Preprocessor.Append(filling.Batch, filling.Crops, filling.Lengths.ToArray(), filling.Areas.ToArray());
            }

            Collect();
            var batch = filling;
            running = (batch, Task.Run(() =>
            {
                using (StageClock.Time(clock, "forward"))
                {
                    return PredictViews(batch.Batch);
                }
            }));
            (filling, spare) = (spare, filling);
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    // Waits for the running pass and hands its probabilities to its cells.
    private void Collect()
    {
        if (running is not { } current)
        {
            return;
        }

        var (batch, task) = current;
        running = null;
        try
        {
            var probabilities = task.GetAwaiter().GetResult();
            for (var k = 0; k < batch.Pending.Count; k++)
            {
                var (cell, chromosome) = batch.Pending[k];
                cell.Rows[chromosome] = probabilities.AsSpan(k * ChromosomeClass.Count, ChromosomeClass.Count).ToArray();
                cell.Left--;
            }
        }
        catch
        {
            Abandon();
            throw;
        }
        finally
        {
            batch.Clear();
        }
    }

    /// <summary>
    /// Waits for a forward pass still running and forgets every cell pushed and not returned. A caller that stops
    /// streaming early calls it before disposing the model, which the running pass may still be using.
    /// </summary>
    public void Reset() => Abandon();

    // A failed pass leaves no cell half-classified behind: the caller owns the cells and decides.
    private void Abandon()
    {
        if (running is { } current)
        {
            var (batch, task) = current;
            running = null;
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
                // Already failing: the first error is the one reported.
            }

            batch.Clear();
        }

        filling.Clear();
        waiting.Clear();
    }

    // The mean of the views' probabilities. Each mirror is applied to the previous view, so the
    // batch is mirrored from view to view rather than refilled.
    private float[] PredictViews(ClassifierBatch batch)
    {
        var sum = model.Predict(batch);
        var (leftRight, topBottom) = (false, false);
        for (var v = 1; v < views.Count; v++)
        {
            batch.Mirror(views[v].LeftRight != leftRight, views[v].TopBottom != topBottom);
            (leftRight, topBottom) = views[v];
            var view = model.Predict(batch);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += view[i];
            }
        }

        if (views.Count > 1)
        {
            var scale = 1f / views.Count;
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] *= scale;
            }
        }

        return sum;
    }

    private sealed class WaitingCell(PreparedCell cell)
    {
        public PreparedCell Cell { get; } = cell;

        public float[][] Rows { get; } = new float[cell.Chromosomes.Count][];

        public int Left { get; set; } = cell.Chromosomes.Count;
    }

    // One input buffer and the chromosomes queued into it.
    private sealed class Filling(int capacity, int canvas)
    {
        public ClassifierBatch Batch { get; } = new(capacity, canvas);

        public List<(WaitingCell Cell, int Chromosome)> Pending { get; } = new(capacity);

        public List<GreyImage> Crops { get; } = new(capacity);

        public List<float> Lengths { get; } = new(capacity);

        public List<float> Areas { get; } = new(capacity);

        public void Add(WaitingCell cell, int chromosome, GreyImage crop, float length, float area)
        {
            Pending.Add((cell, chromosome));
            Crops.Add(crop);
            Lengths.Add(length);
            Areas.Add(area);
        }

        public void Clear()
        {
            Batch.Clear();
            Pending.Clear();
            Crops.Clear();
            Lengths.Clear();
            Areas.Clear();
        }
    }
}
