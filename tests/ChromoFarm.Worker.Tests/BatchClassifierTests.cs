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
    public void Flip_averages_the_crop_and_its_left_right_mirror()
    {
        using var cell = Pki3Cells.Prepare(preparation, "97002023.12");
        var flipped = new BatchClassifier(model, augmentation: TestTimeAugmentation.Flip).Classify([cell])[0];

        // By hand: the plain pass, then the same batch mirrored, then the mean.
        var batch = new ClassifierBatch(256, 64);
        model.Preprocessor.Append(batch, cell.Chromosomes.Select(c => c.Crop).ToList(),
            Enumerable.Repeat(cell.ReferenceLength, cell.Chromosomes.Count).ToArray(), Enumerable.Repeat(cell.ReferenceArea, cell.Chromosomes.Count).ToArray());
        var plain = model.Predict(batch);
        batch.Mirror(leftRight: true, topBottom: false);
        var mirrored = model.Predict(batch);
        var differs = false;
        for (var i = 0; i < cell.Chromosomes.Count; i++)
        {
            for (var k = 0; k < ChromosomeClass.Count; k++)
            {
                var at = (i * ChromosomeClass.Count) + k;
                Assert.Equal((plain[at] + mirrored[at]) / 2, flipped[i][k], 1e-5);
                differs |= Math.Abs(plain[at] - mirrored[at]) > 1e-4;
            }
        }

        Assert.True(differs, "an untrained network should see a mirrored crop differently");
    }

    [Theory]
    [InlineData("none", TestTimeAugmentation.None)]
    [InlineData("Flip", TestTimeAugmentation.Flip)]
    [InlineData("FLIP4", TestTimeAugmentation.Flip4)]
    public void Augmentation_names_parse_in_any_case(string value, TestTimeAugmentation expected) =>
        Assert.Equal(expected, TestTimeAugmentations.Parse(value, "--tta"));

    [Fact]
    public void An_unknown_augmentation_names_its_source_and_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => TestTimeAugmentations.Parse("rotate", "--tta"));
        Assert.Equal("--tta: unknown test-time augmentation 'rotate' (none, flip, flip4)", error.Message);
    }

    [Fact]
    public void No_cells_means_no_work()
    {
        Assert.Empty(new BatchClassifier(model).Classify([]));
    }

    [Fact]
    public void Reset_waits_for_the_running_pass_and_forgets_the_cells_pushed()
    {
        var cells = new[] { "97002023.12", "97002023.13" }.Select(c => Pki3Cells.Prepare(preparation, c)).ToArray();
        try
        {
            var streaming = new BatchClassifier(model, batchSize: 60);
            streaming.Push(cells[0]);
            streaming.Push(cells[1]);  // fills the first batch: its pass is running
            Assert.Equal(2, streaming.Waiting);

            streaming.Reset();

            Assert.Equal(0, streaming.Waiting);
            Assert.Empty(streaming.Drain());
            // Still usable: the same cell classifies as it does alone.
            var again = streaming.Classify([cells[1]]);
            var alone = new BatchClassifier(model).Classify([cells[1]]);
            Assert.All(alone[0].Zip(again[0]), row => Assert.All(row.First.Zip(row.Second), p => Assert.Equal(p.First, p.Second, 1e-4)));
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
    public void Streamed_cells_come_back_in_order_once_every_chromosome_is_classified()
    {
        var cells = new[] { "97002023.12", "97002023.13", "97002069.20" }.Select(c => Pki3Cells.Prepare(preparation, c)).ToArray();
        try
        {
            var expected = new BatchClassifier(model, batchSize: 256).Classify(cells);
            // A batch of 60 fills during the second cell and its pass starts, but runs while the caller goes on, so
            // the first cell comes back only when the next batch fills (during the third), the others on Drain.
            var (n0, n1, n2) = (cells[0].Chromosomes.Count, cells[1].Chromosomes.Count, cells[2].Chromosomes.Count);
            Assert.True(n0 < 60 && n0 + n1 >= 60 && n0 + n1 < 120 && n0 + n1 + n2 >= 120, $"cells of {n0}, {n1}, {n2}");
            var streaming = new BatchClassifier(model, batchSize: 60);
            var first = streaming.Push(cells[0]);
            Assert.Empty(first);
            var second = streaming.Push(cells[1]);
            Assert.Empty(second);
            Assert.Throws<InvalidOperationException>(() => streaming.Classify([cells[2]]));
            var third = streaming.Push(cells[2]);
            Assert.Equal([cells[0]], third.Select(c => c.Cell));
            var rest = streaming.Drain();
            Assert.Equal(0, streaming.Waiting);

            var returned = second.Concat(third).Concat(rest).ToArray();
            Assert.Equal(cells, returned.Select(c => c.Cell));
            for (var c = 0; c < cells.Length; c++)
            {
                Assert.All(expected[c].Zip(returned[c].Probabilities), row => Assert.All(row.First.Zip(row.Second), p => Assert.Equal(p.First, p.Second, 1e-4)));
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

    public void Dispose() => model.Dispose();
}
