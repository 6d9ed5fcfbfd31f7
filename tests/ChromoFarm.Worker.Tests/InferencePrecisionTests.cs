using ChromoFarm.Domain;
using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Worker.Tests;

/// <summary>The shipped G-band model on real Pki-3 crops in the number formats `--precision` and the CPU layout offer.</summary>
public sealed class InferencePrecisionTests : IDisposable
{
    private static readonly string ShippedModel = Path.Combine(SharedData.RepositoryRoot(), "models", "default.cfm");

    private readonly CellPreparation preparation = new(new MetaphaseSegmenter());
    private readonly PreparedCell[] cells;

    public InferencePrecisionTests() =>
        cells = new[] { "97002023.12", "97002069.20" }.Select(c => Pki3Cells.Prepare(preparation, c)).ToArray();

    [Fact]
    public void Channels_last_on_cpu_gives_the_probabilities_of_the_plain_layout()
    {
        using var plain = AsSaved(ShippedModel);
        using var loaded = ChromosomeModel.Load(ShippedModel, ComputeDevice.Cpu);

        Assert.True(loaded.Classifier.ChannelsLast);
        Assert.False(plain.Classifier.ChannelsLast);
        var expected = Flatten(new BatchClassifier(plain).Classify(cells));
        var actual = Flatten(new BatchClassifier(loaded).Classify(cells));
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-4));
    }

    [Fact]
    public void Bf16_keeps_the_argmax_of_nearly_every_crop_and_each_probability_close()
    {
        using var full = ChromosomeModel.Load(ShippedModel, ComputeDevice.Cpu);
        using var half = ChromosomeModel.Load(ShippedModel, ComputeDevice.Cpu, InferencePrecision.Bf16);

        Assert.Equal(InferencePrecision.Bf16, half.Classifier.Precision);
        var expected = new BatchClassifier(full).Classify(cells).SelectMany(c => c).ToArray();
        var actual = new BatchClassifier(half).Classify(cells).SelectMany(c => c).ToArray();
        var agree = expected.Zip(actual).Count(p => Argmax(p.First) == Argmax(p.Second));
        // bf16 keeps 8 bits of mantissa: a near-tie may flip, a confident call must not move far.
        Assert.True(agree >= expected.Length - 2, $"{agree} of {expected.Length} crops keep their argmax");
        Assert.All(expected.Zip(actual), p => Assert.All(p.First.Zip(p.Second), q => Assert.Equal(q.First, q.Second, 0.1)));
        Assert.All(actual, row => Assert.Equal(1.0, row.Sum(), 1e-3));
    }

    [Fact]
    public void A_bf16_model_refuses_to_be_saved_trained_or_returned_to_fp32()
    {
        using var half = ChromosomeModel.Load(ShippedModel, ComputeDevice.Cpu, InferencePrecision.Bf16);
        var path = Path.Combine(Path.GetTempPath(), $"cf-bf16-{Guid.NewGuid():N}.cfm");

        var save = Assert.ThrowsAny<NativeException>(() => half.Classifier.Save(path));
        var train = Assert.ThrowsAny<NativeException>(() => ClassifierTrainer.Create(half.Classifier, new TrainerOptions()));
        var back = Assert.ThrowsAny<NativeException>(() => half.Classifier.SetInference(InferencePrecision.Fp32, channelsLast: true));

        Assert.Contains("bf16", save.Message, StringComparison.Ordinal);
        Assert.Contains("bf16", train.Message, StringComparison.Ordinal);
        Assert.Contains("load it again", back.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    public void Dispose()
    {
        foreach (var cell in cells)
        {
            cell.Dispose();
        }
    }

    private static float[] Flatten(float[][][] probabilities) => probabilities.SelectMany(c => c.SelectMany(r => r)).ToArray();

    private static int Argmax(float[] row) => Array.IndexOf(row, row.Max());

    // The model as saved: contiguous fp32, without the inference layout, as training and calibration hold it.
    private static ChromosomeModel AsSaved(string path)
    {
        var classifier = ChromosomeClassifier.Load(path, ComputeDevice.Cpu);
        return ChromosomeModel.Wrap(classifier, Models.ModelInfo.FromJson(classifier.Metadata, path));
    }
}
