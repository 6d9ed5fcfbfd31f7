using ChromoFarm.Domain;
using ChromoFarm.Models;
using ChromoFarm.Native;
using ChromoFarm.Screening;

namespace ChromoFarm.Worker.Classification;

/// <summary>
/// A classifier loaded from a model file together with its registry record and preprocessing:
/// a ChromoFarm model (.cfm, metadata inside) or a TorchScript module with its JSON sidecar; or an ensemble of such
/// files that share their preprocessing, named as a comma-separated list (<see cref="ModelPaths"/>).
/// </summary>
public sealed class ChromosomeModel : IDisposable
{
    // For each farm class, the output column holding it; null when the order is already 1..22, X, Y.
    private readonly int[]? columnOfClass;
    private readonly ChromosomeClassifier? classifier;

    // An ensemble's networks; empty for one network.
    private readonly IReadOnlyList<ChromosomeModel> members;

    private ChromosomeModel(ChromosomeClassifier? classifier, ModelInfo info, int[]? columnOfClass = null, IReadOnlyList<ChromosomeModel>? members = null)
    {
        this.classifier = classifier;
        this.members = members ?? [];
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

    /// <exception cref="InvalidOperationException">The model is an ensemble, which has one classifier per member.</exception>
    public ChromosomeClassifier Classifier =>
        classifier ?? throw new InvalidOperationException($"{Version} is an ensemble of {members.Count} networks, not one classifier");

    /// <summary>The model averages the calibrated probabilities of several networks.</summary>
    public bool IsEnsemble => members.Count > 0;

    public ModelInfo Info { get; }

    /// <summary>Deterministic preprocessing as the model was trained with (no augmentation).</summary>
    public CropPreprocessor Preprocessor { get; }

    public string Version => Info.Version;

    /// <summary>Loads a model for inference: on CPU, ChromoFarm's own network computes channels last (same numbers, faster).</summary>
    /// <param name="path">One model file, or a comma-separated list of files for an ensemble.</param>
    /// <param name="precision">bf16 is refused for a TorchScript model, which computes as it was exported.</param>
    /// <exception cref="ModelFileException">
    /// A file is missing, corrupt, or carries no ChromoFarm metadata (or no valid sidecar), bf16 for a TorchScript
    /// model, or members of an ensemble that do not fit together (<see cref="Combine"/>).
    /// </exception>
    public static ChromosomeModel Load(string path, ComputeDevice device = ComputeDevice.Auto, InferencePrecision precision = InferencePrecision.Fp32)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var files = ModelPaths.Split(path);
        return files.Count == 1 ? LoadOne(files[0], device, precision) : LoadEnsemble(files, device, precision);
    }

    private static ChromosomeModel LoadOne(string path, ComputeDevice device, InferencePrecision precision)
    {
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
    /// <remarks>An ensemble returns the mean of its members' calibrated probabilities.</remarks>
    public float[] Predict(ClassifierBatch batch)
    {
        if (IsEnsemble)
        {
            return PredictMean(batch);
        }

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

    public void Dispose()
    {
        classifier?.Dispose();
        foreach (var member in members)
        {
            member.Dispose();
        }
    }

    private float[] PredictMean(ClassifierBatch batch)
    {
        var sum = members[0].Predict(batch);
        foreach (var member in members.Skip(1))
        {
            var next = member.Predict(batch);
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += next[i];
            }
        }

        var scale = 1f / members.Count;
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] *= scale;
        }

        return sum;
    }

    private static ChromosomeModel LoadEnsemble(IReadOnlyList<string> files, ComputeDevice device, InferencePrecision precision)
    {
        var loaded = new List<ChromosomeModel>(files.Count);
        try
        {
            foreach (var file in files)
            {
                loaded.Add(LoadOne(file, device, precision));
            }

            return Combine(loaded, files);
        }
        catch
        {
            loaded.ForEach(m => m.Dispose());
            throw;
        }
    }

    /// <summary>An ensemble of loaded models, which it then owns (disposing it disposes them).</summary>
    /// <param name="names">What to call each member in an error, e.g. its file; default: its version.</param>
    /// <exception cref="ModelFileException">
    /// Fewer than two members, or members that draw their crops differently (one batch feeds them all) or record
    /// different stains (the cell is screened for one).
    /// </exception>
    public static ChromosomeModel Combine(IReadOnlyList<ChromosomeModel> members, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        names ??= members.Select(m => m.Version).ToArray();
        if (members.Count < 2 || members.Any(m => m.IsEnsemble))
        {
            throw new ModelFileException($"{string.Join(ModelPaths.Separator, names)}: an ensemble needs two or more single networks");
        }

        var head = members[0].Info;
        for (var m = 1; m < members.Count; m++)
        {
            var info = members[m].Info;
            if (info.Preprocessing != head.Preprocessing)
            {
                throw new ModelFileException($"{names[m]}: preprocessing {info.Preprocessing} differs from {names[0]}'s {head.Preprocessing}; an ensemble's members share one input");
            }

            if (info.TrainedStain != head.TrainedStain)
            {
                throw new ModelFileException($"{names[m]}: stain {info.TrainedStain.Name()} differs from {names[0]}'s {head.TrainedStain.Name()}");
            }
        }

        var combined = head with
        {
            Version = string.Join('+', members.Select(m => m.Version)),
            Architecture = $"ensemble of {members.Count}: {string.Join(" + ", members.Select(m => m.Info.Architecture))}",
            Training = null,
            Metrics = new Dictionary<string, double>(),
            Calibration = null,
        };
        return new ChromosomeModel(null, combined, members: members.ToArray());
    }

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
