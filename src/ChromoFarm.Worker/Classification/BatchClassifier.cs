using ChromoFarm.Domain;
using ChromoFarm.Native;

namespace ChromoFarm.Worker.Classification;

/// <summary>Classifies the chromosomes of many cells together: one forward pass per full batch, across cells.</summary>
/// <remarks>
/// Not thread-safe: it reuses one input buffer and holds the cells streamed in (<see cref="Push"/>) until their forward
/// pass. Use one per consumer.
/// </remarks>
/// <param name="clock">Receives the seconds of "preprocess" and "forward"; null: not timed.</param>
public sealed class BatchClassifier(ChromosomeModel model, int batchSize = 256, TestTimeAugmentation augmentation = TestTimeAugmentation.None,
    StageClock? clock = null)
{
    private readonly ClassifierBatch batch = new(batchSize, model.Info.Preprocessing.Canvas);
    private readonly IReadOnlyList<(bool LeftRight, bool TopBottom)> views = augmentation.Views();

    // Cells pushed and not yet returned, oldest first, and the chromosomes queued for the next forward pass.
    private readonly Queue<WaitingCell> waiting = new();
    private readonly List<(WaitingCell Cell, int Chromosome)> pending = new(batchSize);
    private readonly List<GreyImage> crops = new(batchSize);
    private readonly List<float> lengths = new(batchSize);
    private readonly List<float> areas = new(batchSize);

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
            pending.Add((entry, i));
            crops.Add(cell.Chromosomes[i].Crop);
            lengths.Add(cell.ReferenceLength);
            areas.Add(cell.ReferenceArea);
            if (pending.Count == batch.Capacity)
            {
                Flush();
            }
        }

        return Completed();
    }

    /// <summary>Runs the part-filled batch and returns every cell still waiting.</summary>
    public IReadOnlyList<(PreparedCell Cell, float[][] Probabilities)> Drain()
    {
        Flush();
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

    private void Flush()
    {
        if (pending.Count == 0)
        {
            return;
        }

        batch.Clear();
        try
        {
            using (StageClock.Time(clock, "preprocess"))
            {
                model.Preprocessor.Append(batch, crops, lengths.ToArray(), areas.ToArray());
            }

            float[] probabilities;
            using (StageClock.Time(clock, "forward"))
            {
                probabilities = PredictViews();
            }

            for (var k = 0; k < pending.Count; k++)
            {
                var (cell, chromosome) = pending[k];
                cell.Rows[chromosome] = probabilities.AsSpan(k * ChromosomeClass.Count, ChromosomeClass.Count).ToArray();
                cell.Left--;
            }
        }
        catch
        {
            // A failed pass leaves no cell half-classified behind: the caller owns the cells and decides.
            waiting.Clear();
            throw;
        }
        finally
        {
            pending.Clear();
            crops.Clear();
            lengths.Clear();
            areas.Clear();
        }
    }

    // The mean of the views' probabilities. Each mirror is applied to the previous view, so the
    // batch is mirrored from view to view rather than refilled.
    private float[] PredictViews()
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
}
