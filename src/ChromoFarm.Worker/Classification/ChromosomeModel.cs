using ChromoFarm.Domain;
using ChromoFarm.Models;
using ChromoFarm.Native;

namespace ChromoFarm.Worker.Classification;

/// <summary>
/// A classifier loaded from a model file together with its registry record and preprocessing:
/// a ChromoFarm model (.cfm, metadata inside) or a TorchScript module with its JSON sidecar.
/// </summary>
public sealed class ChromosomeModel : IDisposable
{
    // For each farm class, the output column holding it; null when the order is already 1..22, X, Y.
    private readonly int[]? columnOfClass;

    private ChromosomeModel(ChromosomeClassifier classifier, ModelInfo info, int[]? columnOfClass = null)
    {
        Classifier = classifier;
        Info = info;
        this.columnOfClass = columnOfClass is null || columnOfClass.SequenceEqual(Enumerable.Range(0, ChromosomeClass.Count)) ? null : columnOfClass;
        Preprocessor = new CropPreprocessor(new PreprocessOptions
        {
            Canvas = info.Preprocessing.Canvas,
            ReferenceLength = info.Preprocessing.ReferenceLength,
            Orient = info.Preprocessing.Orient,
            Fit = info.Preprocessing.Fit,
        });
    }

    public ChromosomeClassifier Classifier { get; }

    public ModelInfo Info { get; }

    /// <summary>Deterministic preprocessing as the model was trained with (no augmentation).</summary>
    public CropPreprocessor Preprocessor { get; }

    public string Version => Info.Version;

    /// <summary>Loads a model for inference: on CPU, ChromoFarm's own network computes channels last (same numbers, faster).</summary>
    /// <param name="precision">bf16 is refused for a TorchScript model, which computes as it was exported.</param>
    /// <exception cref="ModelFileException">The file is missing, corrupt, or carries no ChromoFarm metadata (or no valid sidecar), or bf16 for a TorchScript model.</exception>
    public static ChromosomeModel Load(string path, ComputeDevice device = ComputeDevice.Auto, InferencePrecision precision = InferencePrecision.Fp32)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (TorchScriptSidecar.Exists(path))
        {
            return precision == InferencePrecision.Fp32
                ? LoadTorchScript(path, device)
                : throw new ModelFileException($"{path}: a TorchScript model computes as it was exported; bf16 is for ChromoFarm models (.cfm)");
        }

        var classifier = ChromosomeClassifier.Load(path, device);
        try
        {
            if (precision != InferencePrecision.Fp32 || classifier.Device == ComputeDevice.Cpu)
            {
                classifier.SetInference(precision, channelsLast: classifier.Device == ComputeDevice.Cpu);
            }

            return new ChromosomeModel(classifier, ReadInfo(classifier, path));
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    /// <summary>Wraps a classifier being trained; <paramref name="info"/> becomes its metadata.</summary>
    public static ChromosomeModel Wrap(ChromosomeClassifier classifier, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(info);
        classifier.Metadata = info.ToJson();
        return new ChromosomeModel(classifier, info);
    }

    /// <summary>Class probabilities for the batch's crops, Count × 24, columns in the farm's order 1..22, X, Y.</summary>
    public float[] Predict(ClassifierBatch batch)
    {
        var probabilities = Classifier.Predict(batch);
        if (Info.Calibration is { } calibration)
        {
            TemperatureScaling.Apply(probabilities, ChromosomeClass.Count, calibration.Temperature);
        }

        if (columnOfClass is null)
        {
            return probabilities;
        }

        var ordered = new float[probabilities.Length];
        for (var row = 0; row < probabilities.Length; row += ChromosomeClass.Count)
        {
            for (var c = 0; c < ChromosomeClass.Count; c++)
            {
                ordered[row + c] = probabilities[row + columnOfClass[c]];
            }
        }

        return ordered;
    }

    public void Dispose() => Classifier.Dispose();

    private static ChromosomeModel LoadTorchScript(string path, ComputeDevice device)
    {
        var sidecarPath = TorchScriptSidecar.PathFor(path);
        TorchScriptSidecar sidecar;
        try
        {
            sidecar = TorchScriptSidecar.Parse(File.ReadAllText(sidecarPath), sidecarPath);
        }
        catch (InvalidDataException error)
        {
            throw new ModelFileException(error.Message);
        }

        var input = new TorchScriptInput(
            sidecar.Input.Canvas,
            sidecar.Input.Channels,
            sidecar.Input.SizeFeatures,
            OutputsProbabilities: sidecar.Output == "probabilities",
            sidecar.Input.Mean,
            sidecar.Input.Std);
        var classifier = ChromosomeClassifier.LoadTorchScript(path, input, device);
        try
        {
            var info = sidecar.ToModelInfo(File.GetLastWriteTimeUtc(path));
            classifier.Metadata = info.ToJson();
            return new ChromosomeModel(classifier, info, sidecar.ColumnOfClass());
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    private static ModelInfo ReadInfo(ChromosomeClassifier classifier, string path)
    {
        var json = classifier.Metadata;
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new ModelFileException($"{path}: the model carries no ChromoFarm metadata (version, preprocessing, classes)");
        }

        ModelInfo info;
        try
        {
            info = ModelInfo.FromJson(json, path);
        }
        catch (System.Text.Json.JsonException error)
        {
            throw new ModelFileException($"{path}: unreadable model metadata: {error.Message}");
        }

        var expected = ChromosomeClass.All.Select(c => c.Label);
        if (!info.Classes.SequenceEqual(expected))
        {
            throw new ModelFileException($"{path}: class order [{string.Join(',', info.Classes)}] differs from 1..22,X,Y");
        }

        if (info.Preprocessing.Canvas != classifier.Config.Canvas)
        {
            throw new ModelFileException($"{path}: metadata canvas {info.Preprocessing.Canvas} differs from the network's {classifier.Config.Canvas}");
        }

        return info;
    }
}
