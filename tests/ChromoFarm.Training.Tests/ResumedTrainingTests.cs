using System.Text.Json.Nodes;
using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Training.Tests;

/// <summary>
/// Checkpointed training on real Pki-3 cells with a tiny network. The tests of this class run one after
/// another (xunit runs a class sequentially), which matters: dropout draws from libtorch's one global generator.
/// </summary>
[Collection(TorchRandomState.Name)]
public sealed class ResumedTrainingTests(Pki3Sample sample) : IClassFixture<Pki3Sample>, IDisposable
{
    private static readonly TrainingOptions Tiny = TinyTraining.Options;

    private readonly string folder = Directory.CreateTempSubdirectory("cf-resume-").FullName;

    [Fact]
    public void A_run_interrupted_after_epoch_one_and_resumed_ends_as_the_uninterrupted_run()
    {
        var straight = Path.Combine(folder, "straight.cfm");
        var resumed = Path.Combine(folder, "resumed.cfm");
        new ClassifierTraining(Tiny, new ScriptedProgress()).Run(sample.Manifest, straight);

        Assert.Throws<SimulatedCrashException>(() => new ClassifierTraining(Tiny, ScriptedProgress.CrashingAt(2)).Run(sample.Manifest, resumed));
        Assert.True(File.Exists(Path.Combine(resumed + ".checkpoint", "progress.json")));
        var info = new ClassifierTraining(Tiny, new ScriptedProgress()).Run(sample.Manifest, resumed, resume: true);

        var expectedLog = LogWithoutTimes(straight);
        Assert.Equal(3, expectedLog.Count);
        Assert.Equal(expectedLog, LogWithoutTimes(resumed));
        Assert.Equal(Tiny.Epochs, info.Training!.Epochs);

        var expected = Predict(straight);
        var actual = Predict(resumed);
        Assert.Equal(expected.Length, actual.Length);
        var largest = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(largest <= 1e-6f, $"probabilities differ by up to {largest}");
    }

    [Fact]
    public void Resuming_with_a_changed_option_fails_naming_the_option_and_both_values()
    {
        var output = Path.Combine(folder, "model.cfm");
        Assert.Throws<SimulatedCrashException>(() => new ClassifierTraining(Tiny, ScriptedProgress.CrashingAt(2)).Run(sample.Manifest, output));

        var changed = Tiny with { LearningRate = 1e-3f };
        var error = Assert.Throws<TrainingCheckpointException>(() => new ClassifierTraining(changed, new ScriptedProgress()).Run(sample.Manifest, output, resume: true));

        Assert.Contains("'lr'", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.002", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resuming_without_a_checkpoint_fails_clearly()
    {
        var output = Path.Combine(folder, "model.cfm");

        var error = Assert.Throws<TrainingCheckpointException>(() => new ClassifierTraining(Tiny, new ScriptedProgress()).Run(sample.Manifest, output, resume: true));

        Assert.Contains("no checkpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_exists_only_while_a_run_is_unfinished_and_a_fresh_run_discards_an_old_one()
    {
        var output = Path.Combine(folder, "model.cfm");
        var checkpoint = output + ".checkpoint";
        Directory.CreateDirectory(checkpoint);
        File.WriteAllText(Path.Combine(checkpoint, "progress.json"), "{ \"left\": \"by an older run\" }");
        var seenAtStart = new List<bool>();
        var seenAtEnd = new List<bool>();
        var progress = new ScriptedProgress(
            epochStarted: _ => seenAtStart.Add(Directory.Exists(checkpoint)),
            epochFinished: _ => seenAtEnd.Add(File.Exists(Path.Combine(checkpoint, "progress.json"))));

        new ClassifierTraining(Tiny with { Epochs = 2 }, progress).Run(sample.Manifest, output);

        Assert.Equal([false, true], seenAtStart);
        Assert.Equal([true, true], seenAtEnd);
        Assert.False(Directory.Exists(checkpoint));
        Assert.True(File.Exists(output));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in /tmp are harmless; never fail a test on cleanup.
        }
    }

    /// <summary>The log lines without the timing field, which is the only one allowed to differ.</summary>
    private static List<string> LogWithoutTimes(string model) =>
        File.ReadAllLines(model + ".log.jsonl")
            .Select(line =>
            {
                var entry = JsonNode.Parse(line)!.AsObject();
                entry.Remove("seconds");
                return entry.ToJsonString();
            })
            .ToList();

    /// <summary>The saved model's probabilities for every validation chromosome of the sample.</summary>
    private float[] Predict(string path)
    {
        using var model = ChromosomeModel.Load(path, ComputeDevice.Cpu);
        var cells = LabelledCell.LoadAll(sample.Manifest.CellsOf("val"), new CellPreparation(new MetaphaseSegmenter()));
        try
        {
            return new BatchClassifier(model).Classify(cells.Select(c => c.Prepared).ToArray())
                .SelectMany(cell => cell.SelectMany(chromosome => chromosome))
                .ToArray();
        }
        finally
        {
            foreach (var cell in cells)
            {
                cell.Dispose();
            }
        }
    }
}
