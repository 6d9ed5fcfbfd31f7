using ChromoFarm.Domain;
using ChromoFarm.Native;

namespace ChromoFarm.Worker.Classification;

/// <summary>Classifies the chromosomes of many cells together: one forward pass per full batch, across cells.</summary>
/// <remarks>Not thread-safe: it reuses one input buffer. Use one per consumer.</remarks>
public sealed class BatchClassifier(ChromosomeModel model, int batchSize = 256, TestTimeAugmentation augmentation = TestTimeAugmentation.None)
{
    private readonly ClassifierBatch batch = new(batchSize, model.Info.Preprocessing.Canvas);
    private readonly IReadOnlyList<(bool LeftRight, bool TopBottom)> views = augmentation.Views();

    public ChromosomeModel Model => model;

    public TestTimeAugmentation Augmentation => augmentation;

    /// <returns>Per cell, per chromosome, the 24 class probabilities.</returns>
    public float[][][] Classify(IReadOnlyList<PreparedCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var results = cells.Select(c => new float[c.Chromosomes.Count][]).ToArray();
        var pending = new List<(int Cell, int Chromosome)>(batch.Capacity);
        var crops = new List<GreyImage>(batch.Capacity);
        var lengths = new List<float>(batch.Capacity);
        var areas = new List<float>(batch.Capacity);

        void Flush()
        {
            if (pending.Count == 0)
            {
                return;
            }

            batch.Clear();
            model.Preprocessor.Append(batch, crops, lengths.ToArray(), areas.ToArray());
            var probabilities = PredictViews();
            for (var k = 0; k < pending.Count; k++)
            {
                results[pending[k].Cell][pending[k].Chromosome] = probabilities.AsSpan(k * ChromosomeClass.Count, ChromosomeClass.Count).ToArray();
            }

            pending.Clear();
            crops.Clear();
            lengths.Clear();
            areas.Clear();
        }

        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            for (var i = 0; i < cell.Chromosomes.Count; i++)
            {
                pending.Add((c, i));
                crops.Add(cell.Chromosomes[i].Crop);
                lengths.Add(cell.ReferenceLength);
                areas.Add(cell.ReferenceArea);
                if (pending.Count == batch.Capacity)
                {
                    Flush();
                }
            }
        }

        Flush();
        return results;
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
}
