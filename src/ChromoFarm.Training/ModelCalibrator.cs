using ChromoFarm.Datasets;
using ChromoFarm.Domain;
using ChromoFarm.Models;
using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Training;

/// <summary>
/// Fits a model's temperature on labelled cells and writes it into the model file, so that a
/// confidence of 0.9 means right about 9 times in 10 (the review flags of the assignment rely on it).
/// </summary>
public static class ModelCalibrator
{
    /// <param name="modelPath">A ChromoFarm model file; rewritten in place with the calibration in its metadata.</param>
    /// <param name="fittedOn">Names the data in the record, e.g. "pki3/manifest.csv val".</param>
    /// <exception cref="ModelFileException">The model is TorchScript (put a temperature in its sidecar instead) or unreadable.</exception>
    public static CalibrationInfo Calibrate(string modelPath, IReadOnlyList<ManifestCell> cells, string fittedOn, ComputeDevice device = ComputeDevice.Cpu, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        using var model = ChromosomeModel.Load(modelPath, device);
        if (model.IsEnsemble)
        {
            throw new ModelFileException($"{modelPath}: an ensemble's members are calibrated one by one, each on its own file");
        }

        if (model.Classifier.IsTorchScript)
        {
            throw new ModelFileException($"{modelPath}: a TorchScript model's file is not rewritten; calibrate it in Python before export");
        }

        var details = new EvaluationDetails();
        ClassifierEvaluation.Run(model, cells, null, new CellPreparation(new MetaphaseSegmenter()), details, progress);
        var calibration = Fit(model.Info.Calibration?.Temperature ?? 1.0, details, fittedOn);
        model.Classifier.Metadata = (model.Info with { Calibration = calibration }).ToJson();
        model.Classifier.Save(modelPath);
        return calibration;
    }

    /// <summary>The calibration for probabilities already scaled by <paramref name="currentTemperature"/>.</summary>
    public static CalibrationInfo Fit(double currentTemperature, EvaluationDetails details, string fittedOn)
    {
        ArgumentNullException.ThrowIfNull(details);
        var labels = details.Chromosomes.Select(c => c.Truth).ToArray();
        var relative = TemperatureScaling.Fit(details.Probabilities, labels);
        var before = ExpectedError(details.Probabilities, labels);
        var rescaled = details.Probabilities.Select(row =>
        {
            var copy = row.ToArray();
            TemperatureScaling.Apply(copy, ChromosomeClass.Count, relative);
            return copy;
        }).ToArray();
        var temperature = Math.Clamp(Math.Round(currentTemperature * relative, 4), TemperatureScaling.MinTemperature, TemperatureScaling.MaxTemperature);
        return new CalibrationInfo(temperature, fittedOn, Math.Round(before, 5), Math.Round(ExpectedError(rescaled, labels), 5));
    }

    private static double ExpectedError(IReadOnlyList<float[]> probabilities, int[] labels) =>
        Calibration.ExpectedError(Calibration.Bins(probabilities.Select((row, i) =>
        {
            var argmax = 0;
            for (var k = 1; k < row.Length; k++)
            {
                argmax = row[k] > row[argmax] ? k : argmax;
            }

            return ((double)row[argmax], argmax == labels[i]);
        })));
}
