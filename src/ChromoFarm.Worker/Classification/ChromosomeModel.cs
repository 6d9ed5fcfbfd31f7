using ChromoFarm.Domain;
using ChromoFarm.Models;
using ChromoFarm.Native;

namespace ChromoFarm.Worker.Classification;

/// <summary>A classifier loaded from a model file together with its registry record and preprocessing.</summary>
public sealed class ChromosomeModel : IDisposable
{
    private ChromosomeModel(ChromosomeClassifier classifier, ModelInfo info)
    {
        Classifier = classifier;
        Info = info;
        Preprocessor = new CropPreprocessor(new PreprocessOptions
        {
            Canvas = info.Preprocessing.Canvas,
            ReferenceLength = info.Preprocessing.ReferenceLength,
        });
    }

    public ChromosomeClassifier Classifier { get; }

    public ModelInfo Info { get; }

    /// <summary>Deterministic preprocessing as the model was trained with (no augmentation).</summary>
    public CropPreprocessor Preprocessor { get; }

    public string Version => Info.Version;

    /// <exception cref="ModelFileException">The file is missing, corrupt, or carries no ChromoFarm metadata.</exception>
    public static ChromosomeModel Load(string path, ComputeDevice device = ComputeDevice.Auto)
    {
        var classifier = ChromosomeClassifier.Load(path, device);
        try
        {
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

    public void Dispose() => Classifier.Dispose();

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
