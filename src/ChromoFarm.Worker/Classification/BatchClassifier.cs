using ChromoFarm.Domain;
using ChromoFarm.Native;

namespace ChromoFarm.Worker.Classification;

/// <summary>Classifies the chromosomes of many cells together: one forward pass per full batch, across cells.</summary>
/// <remarks>Not thread-safe: it reuses one input buffer. Use one per consumer.</remarks>
public sealed class BatchClassifier(ChromosomeModel model, int batchSize = 256)
{
    private readonly ClassifierBatch batch = new(batchSize, model.Info.Preprocessing.Canvas);

    public ChromosomeModel Model => model;

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
            var probabilities = model.Predict(batch);
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
}
