using ChromoFarm.Domain;
using ChromoFarm.Models;
using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Training.Tests;

[Collection(TorchRandomState.Name)]
public sealed class ModelCalibratorTests(Pki3Sample sample) : IClassFixture<Pki3Sample>, IDisposable
{
    private static readonly TrainingOptions Tiny = TinyTraining.Options with { Epochs = 2, Seed = 3 };

    private readonly string folder = Directory.CreateTempSubdirectory("cf-calibrate-").FullName;

    [Fact]
    public void Calibration_is_stored_in_the_model_and_applied_to_its_probabilities()
    {
        var path = Path.Combine(folder, "model.cfm");
        new ClassifierTraining(Tiny, new ScriptedProgress()).Run(sample.Manifest, path);
        var cells = sample.Manifest.CellsOf("val");
        var before = Predict(path, cells);

        var calibration = ModelCalibrator.Calibrate(path, cells, "sample val");

        Assert.NotEqual(1.0, calibration.Temperature);
        Assert.True(calibration.ErrorAfter <= calibration.ErrorBefore, $"{calibration.ErrorBefore} -> {calibration.ErrorAfter}");
        using (var model = ChromosomeModel.Load(path, ComputeDevice.Cpu))
        {
            Assert.Equal(calibration, model.Info.Calibration);
        }

        var expected = before.ToArray();
        TemperatureScaling.Apply(expected, ChromosomeClass.Count, calibration.Temperature);
        var after = Predict(path, cells);
        Assert.Equal(expected.Length, after.Length);
        Assert.All(expected.Zip(after), pair => Assert.Equal(pair.First, pair.Second, 4));
    }

    [Fact]
    public void Calibrating_twice_composes_the_temperatures_instead_of_refitting_from_scratch()
    {
        var path = Path.Combine(folder, "twice.cfm");
        new ClassifierTraining(Tiny, new ScriptedProgress()).Run(sample.Manifest, path);
        var cells = sample.Manifest.CellsOf("val");

        var first = ModelCalibrator.Calibrate(path, cells, "sample val");
        var second = ModelCalibrator.Calibrate(path, cells, "sample val");

        // Already calibrated on the same cells, the second fit finds (almost) nothing left to change.
        Assert.Equal(first.Temperature, second.Temperature, 2);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static float[] Predict(string path, IReadOnlyList<Datasets.ManifestCell> cells)
    {
        using var model = ChromosomeModel.Load(path, ComputeDevice.Cpu);
        var preparation = new CellPreparation(new MetaphaseSegmenter());
        var prepared = cells.Select(c => LabelledCell.Load(c, preparation)).ToArray();
        try
        {
            return new BatchClassifier(model).Classify(prepared.Select(c => c.Prepared).ToArray()).SelectMany(cell => cell.SelectMany(row => row)).ToArray();
        }
        finally
        {
            foreach (var cell in prepared)
            {
                cell.Dispose();
            }
        }
    }
}
