using ChromoFarm.Domain;
using ChromoFarm.Models;
using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Worker.Tests;

public sealed class BatchClassifierTests : IDisposable
{
    private readonly ChromosomeModel model = ChromosomeModel.Wrap(
        ChromosomeClassifier.Create(new ModelConfig(64, 16, 1), seed: 7, ComputeDevice.Cpu),
        new ModelInfo(1, "test-model", "test", new PreprocessingInfo(64, 28), ChromosomeClass.All.Select(c => c.Label).ToArray(), DateTimeOffset.UnixEpoch, null, new Dictionary<string, double>()));

    private readonly CellPreparation preparation = new(new MetaphaseSegmenter());

    [Fact]
    public void Cells_classified_together_get_the_same_probabilities_as_each_cell_alone()
    {
        var cells = new[] { "97002023.12", "97002023.13", "97002069.20" }.Select(c => Pki3Cells.Prepare(preparation, c)).ToArray();
        try
        {
            // A batch of 32 makes forward passes straddle cell boundaries.
            var together = new BatchClassifier(model, batchSize: 32).Classify(cells);
            for (var c = 0; c < cells.Length; c++)
            {
                var alone = new BatchClassifier(model, batchSize: 256).Classify([cells[c]])[0];
                Assert.Equal(cells[c].Chromosomes.Count, together[c].Length);
                for (var i = 0; i < alone.Length; i++)
                {
                    for (var k = 0; k < ChromosomeClass.Count; k++)
                    {
                        Assert.Equal(alone[i][k], together[c][i][k], 1e-4);
                    }
                }
            }
        }
        finally
        {
            foreach (var cell in cells)
            {
                cell.Dispose();
            }
        }
    }

    [Fact]
    public void A_cell_larger_than_the_batch_is_classified_in_several_passes()
    {
        using var cell = Pki3Cells.Prepare(preparation, "97002023.12");
        var probabilities = new BatchClassifier(model, batchSize: 5).Classify([cell])[0];
        Assert.Equal(cell.Chromosomes.Count, probabilities.Length);
        Assert.All(probabilities, row => Assert.Equal(1.0, row.Sum(), 1e-4));
    }

    [Fact]
    public void No_cells_means_no_work()
    {
        Assert.Empty(new BatchClassifier(model).Classify([]));
    }

    public void Dispose() => model.Dispose();
}
