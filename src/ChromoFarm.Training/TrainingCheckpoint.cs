using System.Globalization;
using System.Text.Json;
using ChromoFarm.Native;

namespace ChromoFarm.Training;

/// <summary>A checkpoint that cannot be used: missing, unreadable, or written with other options.</summary>
public sealed class TrainingCheckpointException(string message) : Exception(message);

/// <summary>
/// The folder OUT.checkpoint/ beside a model being trained, rewritten after every epoch so that an interrupted
/// run can go on. Weights and trainer state carry their epoch in the file name and progress.json, which names
/// the epochs, is renamed into place last; older files are deleted only after that. So a kill at any moment
/// leaves either the previous checkpoint or the new one whole.
/// </summary>
public sealed class TrainingCheckpoint(string folder)
{
    private const string ProgressFile = "progress.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public string Folder { get; } = folder;

    public static TrainingCheckpoint Beside(string outputPath) => new(outputPath + ".checkpoint");

    public string WeightsPath(int epoch) => Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}.cfm"));

    public string TrainerStatePath(int epoch) => Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}.state"));

    /// <summary>The checkpoint to go on from, checked against the options of the run that wants to.</summary>
    /// <exception cref="TrainingCheckpointException">There is none, it is unreadable, or an option differs.</exception>
    public CheckpointProgress Resume(TrainingFingerprint now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var progress = Read() ?? throw new TrainingCheckpointException(
            $"{Folder}: no checkpoint to resume from (run without --resume to start training)");
        if (now.FirstDifference(progress.Fingerprint) is var (option, then, current))
        {
            throw new TrainingCheckpointException(
                $"{Folder}: cannot resume: option '{option}' was {then} in the checkpoint but is {current} now (run without --resume to start afresh)");
        }

        return progress;
    }

    /// <summary>Writes the epoch's weights (with the metadata the model holds now), trainer state and progress.</summary>
    public void Save(ChromosomeClassifier classifier, ClassifierTrainer trainer, CheckpointProgress progress)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(progress);
        Directory.CreateDirectory(Folder);
        // Both are written to a temporary file and renamed by the native core.
        classifier.Save(WeightsPath(progress.Epoch));
        trainer.SaveState(TrainerStatePath(progress.Epoch));

        var path = Path.Combine(Folder, ProgressFile);
        var temporary = path + ".partial";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            JsonSerializer.Serialize(stream, progress, Json);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);

        var kept = new HashSet<string>(StringComparer.Ordinal)
        {
            path, WeightsPath(progress.Epoch), TrainerStatePath(progress.Epoch), WeightsPath(progress.BestEpoch),
        };
        foreach (var file in Directory.EnumerateFiles(Folder).Where(f => !kept.Contains(f)).ToArray())
        {
            File.Delete(file);
        }
    }

    /// <summary>Puts the best epoch's weights back at <paramref name="outputPath"/>, which may be newer than the checkpoint.</summary>
    public void RestoreBest(CheckpointProgress progress, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var temporary = outputPath + ".partial";
        File.Copy(WeightsPath(progress.BestEpoch), temporary, overwrite: true);
        File.Move(temporary, outputPath, overwrite: true);
    }

    public void Delete()
    {
        if (Directory.Exists(Folder))
        {
            // progress.json first: a kill halfway through leaves no checkpoint rather than one missing its files.
            File.Delete(Path.Combine(Folder, ProgressFile));
            Directory.Delete(Folder, recursive: true);
        }
    }

    private CheckpointProgress? Read()
    {
        var path = Path.Combine(Folder, ProgressFile);
        if (!File.Exists(path))
        {
            return null;
        }

        CheckpointProgress progress;
        try
        {
            progress = JsonSerializer.Deserialize<CheckpointProgress>(File.ReadAllText(path), Json)
                ?? throw new JsonException("empty");
        }
        catch (JsonException error)
        {
            throw new TrainingCheckpointException($"{path}: not a readable checkpoint ({error.Message})");
        }

        foreach (var file in new[] { WeightsPath(progress.Epoch), TrainerStatePath(progress.Epoch), WeightsPath(progress.BestEpoch) })
        {
            if (!File.Exists(file))
            {
                throw new TrainingCheckpointException($"{path}: names {Path.GetFileName(file)}, which is missing");
            }
        }

        return progress;
    }
}
