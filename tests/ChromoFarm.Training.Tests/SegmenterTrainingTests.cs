using System.Text.Json;
using ChromoFarm.Datasets;
using ChromoFarm.Native;
using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

/// <summary>
/// A few epochs of the learned segmenter's training on two generated spreads. Creating the network
/// reseeds libtorch's global generator, hence the collection.
/// </summary>
[Collection(TorchRandomState.Name)]
public class SegmenterTrainingTests
{
    private static readonly SegmenterTrainingOptions s_tiny = new()
    {
        Epochs = 2,
        TilesPerImage = 2,
        TileSize = 64,
        Width = 8,
        Seed = 5,
    };

    [Fact]
    public void Two_epochs_on_two_spreads_give_a_network_whose_metadata_names_the_architecture_and_the_images()
    {
        var epochs = new List<SegmenterEpoch>();
        var loaded = new List<(int Done, int Total)>();

        using var network = new SegmenterTraining(s_tiny).Run(
            [TuningSet(2)], new ListProgress(epochs), (done, total) => loaded.Add((done, total)), ComputeDevice.Cpu);

        using var metadata = JsonDocument.Parse(network.Metadata);
        var root = metadata.RootElement;
        Assert.Equal(SegmenterTraining.Architecture, root.GetProperty("architecture").GetString());
        Assert.Equal("chromofarm-unet3", root.GetProperty("architecture").GetString());
        Assert.Equal(2, root.GetProperty("images").GetInt32());
        var set = Assert.Single(root.GetProperty("trained_on").EnumerateArray());
        Assert.Equal(SpreadSet.Synthetic, set.GetProperty("kind").GetString());
        Assert.Equal(2, set.GetProperty("tuning_images").GetInt32());
        Assert.Equal(0, set.GetProperty("held_out_images").GetInt32());
        Assert.Equal(2, root.GetProperty("options").GetProperty("epochs").GetInt32());
        Assert.Equal(64, root.GetProperty("options").GetProperty("tile_size").GetInt32());
        Assert.True(root.GetProperty("options").GetProperty("balance_sets").GetBoolean());

        Assert.Equal([1, 2], epochs.Select(e => e.Epoch));
        Assert.All(epochs, e => Assert.True(double.IsFinite(e.Loss) && e.Loss > 0, $"epoch {e.Epoch} loss {e.Loss}"));
        Assert.Equal([(1, 2), (2, 2)], loaded);
    }

    [Fact]
    public void Held_out_spreads_are_never_loaded()
    {
        var tuning = TuningSet(1);
        var heldOut = new SpreadSource("held-out", true, () => throw new InvalidOperationException("a held-out spread was read"));
        var set = tuning with { Spreads = [.. tuning.Spreads, heldOut] };

        using var network = new SegmenterTraining(s_tiny with { Epochs = 1 }).Run([set], device: ComputeDevice.Cpu);

        using var metadata = JsonDocument.Parse(network.Metadata);
        Assert.Equal(1, metadata.RootElement.GetProperty("images").GetInt32());
        var trainedOn = Assert.Single(metadata.RootElement.GetProperty("trained_on").EnumerateArray());
        Assert.Equal(1, trainedOn.GetProperty("held_out_images").GetInt32());
    }

    [Fact]
    public void Sets_with_nothing_but_held_out_spreads_are_refused()
    {
        var generated = SpreadSet.Generated(Cells(1), new SyntheticSpreadOptions { Seed = 3 }); // all held out

        var error = Assert.Throws<ArgumentException>(() => new SegmenterTraining(s_tiny).Run([generated], device: ComputeDevice.Cpu));

        Assert.Equal("sets", error.ParamName);
    }

    [Fact]
    public void A_tile_size_that_is_no_multiple_of_eight_is_refused_before_anything_is_loaded()
    {
        var set = new SpreadSet(SpreadSet.Synthetic, [new SpreadSource("never", false, () => throw new InvalidOperationException("loaded"))]);

        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmenterTraining(s_tiny with { TileSize = 60 }).Run([set]));
    }

    /// <summary>Spreads generated from the first Pki-3 validation cells, all counted as tuning images.</summary>
    private static SpreadSet TuningSet(int cells)
    {
        var generated = SpreadSet.Generated(Cells(cells), new SyntheticSpreadOptions { Seed = 3, TouchingRate = 0.3 });
        return new SpreadSet(generated.Kind, generated.Spreads.Select(source => source with { HeldOut = false }).ToArray());
    }

    private static ManifestCell[] Cells(int count) =>
        DatasetManifest.Load(SharedData.File("pki3/manifest.csv")).CellsOf("val").Take(count).ToArray();

    /// <summary>Records reports on the calling thread (Progress&lt;T&gt; would post them to the pool).</summary>
    private sealed class ListProgress(List<SegmenterEpoch> epochs) : IProgress<SegmenterEpoch>
    {
        public void Report(SegmenterEpoch value) => epochs.Add(value);
    }
}
