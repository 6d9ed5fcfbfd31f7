using System.Diagnostics;
using System.Globalization;
using ChromoFarm.Datasets;
using ChromoFarm.Domain;
using ChromoFarm.Models;
using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Training;

/// <summary>
/// Trains a classifier on a manifest's training split, keeping the best epoch on the validation split.
/// Every completed epoch is checkpointed beside the output (<see cref="TrainingCheckpoint"/>), and a resumed
/// run goes on exactly as the uninterrupted run would have.
/// </summary>
public sealed class ClassifierTraining(TrainingOptions options, ITrainingProgress progress)
{
    public const string Architecture = "chromofarm-resnet";

    /// <param name="resume">Go on from the checkpoint beside <paramref name="outputPath"/>; otherwise any checkpoint there is discarded.</param>
    /// <returns>The registry record written into the saved model.</returns>
    /// <exception cref="TrainingCheckpointException">Resuming without a usable checkpoint, or with options that differ from it.</exception>
    public ModelInfo Run(DatasetManifest manifest, string outputPath, bool resume = false)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        var preparation = new CellPreparation(new MetaphaseSegmenter());
        var trainCells = manifest.CellsOf(options.TrainSplit);
        if (options.LimitCells > 0)
        {
            trainCells = trainCells.Take(options.LimitCells).ToArray();
        }

        var validationCells = manifest.CellsOf(options.ValidationSplit);
        if (trainCells.Count == 0 || validationCells.Count == 0)
        {
            throw new ManifestException($"{manifest.Path}: needs cells in split '{options.TrainSplit}' and '{options.ValidationSplit}' (found {trainCells.Count} and {validationCells.Count})");
        }

        // Checked before the slow decoding, so that a refused resume fails at once.
        var fingerprint = TrainingFingerprint.Of(options, manifest);
        var checkpoint = TrainingCheckpoint.Beside(outputPath);
        CheckpointProgress? resumed = null;
        if (resume)
        {
            resumed = checkpoint.Resume(fingerprint);
        }
        else
        {
            checkpoint.Delete();
        }

        var train = LabelledCell.LoadAll(trainCells, preparation, n => progress.Loading("train crops", n, trainCells.Count));
        var validation = LabelledCell.LoadAll(validationCells, preparation, n => progress.Loading("validation crops", n, validationCells.Count));
        try
        {
            return Train(manifest, train, validation, outputPath, new ResumePoint(checkpoint, fingerprint, resumed));
        }
        finally
        {
            foreach (var cell in train.Concat(validation))
            {
                cell.Dispose();
            }
        }
    }

    private ModelInfo Train(DatasetManifest manifest, IReadOnlyList<LabelledCell> train, IReadOnlyList<LabelledCell> validation, string outputPath, ResumePoint start)
    {
        var watch = Stopwatch.StartNew();
        var (checkpoint, fingerprint, resumed) = start;
        var config = new ModelConfig(options.Canvas, options.BaseWidth, options.BlocksPerStage);
        using var classifier = resumed is null
            ? ChromosomeClassifier.Create(config, options.Seed, options.Device)
            : ChromosomeClassifier.Load(checkpoint.WeightsPath(resumed.Epoch), options.Device);
        using var trainer = ClassifierTrainer.Create(classifier, new TrainerOptions(options.LearningRate, options.WeightDecay, options.LabelSmoothing));
        if (resumed is not null)
        {
            trainer.LoadState(checkpoint.TrainerStatePath(resumed.Epoch));
        }

        var info = resumed?.Model ?? NewModelInfo();
        var version = info.Version;
        using var model = ChromosomeModel.Wrap(classifier, info);

        var augmenter = new CropPreprocessor(new PreprocessOptions
        {
            Canvas = options.Canvas,
            ReferenceLength = options.ReferenceLength,
            Augment = true,
            Seed = options.Seed,
            MaxRotationDegrees = options.MaxRotationDegrees,
            Orient = options.Orient,
        });
        var batch = new ClassifierBatch(options.BatchSize, options.Canvas);
        var validator = new BatchClassifier(model);
        var classWeights = options.ClassBalanced ? ClassWeights.InverseFrequency(train.SelectMany(c => c.Labels)) : null;
        var samples = train.SelectMany((cell, c) => Enumerable.Range(0, cell.Labels.Count).Select(i => (Cell: c, Index: i))).ToArray();
        var stepsPerEpoch = (samples.Length + options.BatchSize - 1) / options.BatchSize;
        var totalSteps = stepsPerEpoch * options.Epochs;
        var random = new Random(unchecked((int)options.Seed));
        var log = TrainingLog.Beside(outputPath);

        EvaluationReport? best = null;
        var bestEpoch = 0;
        var step = 0;
        var firstEpoch = 1;
        var earlierSeconds = 0.0;
        if (resumed is null)
        {
            log.Clear();
        }
        else
        {
            // Each epoch shuffles the order the previous one left, so the completed epochs' shuffles are replayed.
            for (var epoch = 1; epoch <= resumed.Epoch; epoch++)
            {
                random.Shuffle(samples);
            }

            step = resumed.Epoch * stepsPerEpoch;
            if (step != resumed.Step)
            {
                throw new TrainingCheckpointException($"{checkpoint.Folder}: {resumed.Step} steps in {resumed.Epoch} epochs, but this data makes {stepsPerEpoch} steps per epoch");
            }

            best = resumed.Best;
            bestEpoch = resumed.BestEpoch;
            firstEpoch = resumed.Epoch + 1;
            earlierSeconds = resumed.Seconds;
            log.KeepEpochsUpTo(resumed.Epoch);
            checkpoint.RestoreBest(resumed, outputPath);
            progress.Resumed(resumed.Epoch, options.Epochs);
        }

        var lastEpoch = firstEpoch - 1;
        for (var epoch = firstEpoch; epoch <= options.Epochs && EarlyStopping.Continues(epoch, bestEpoch, options.Patience); epoch++)
        {
            lastEpoch = epoch;
            var epochWatch = Stopwatch.StartNew();
            random.Shuffle(samples);
            progress.EpochStarted(epoch, options.Epochs, stepsPerEpoch);
            double lossSum = 0;
            var hits = 0;
            for (var s = 0; s < stepsPerEpoch; s++, step++)
            {
                trainer.LearningRate = (float)LearningRateAt(step, totalSteps);
                var slice = samples.AsSpan(s * options.BatchSize, Math.Min(options.BatchSize, samples.Length - (s * options.BatchSize)));
                var crops = new GreyImage[slice.Length];
                var lengths = new float[slice.Length];
                var areas = new float[slice.Length];
                var labels = new long[slice.Length];
                for (var k = 0; k < slice.Length; k++)
                {
                    var cell = train[slice[k].Cell];
                    crops[k] = cell.Prepared.Chromosomes[slice[k].Index].Crop;
                    lengths[k] = cell.Prepared.ReferenceLength;
                    areas[k] = cell.Prepared.ReferenceArea;
                    labels[k] = cell.Labels[slice[k].Index].Index;
                }

                batch.Clear();
                augmenter.Append(batch, crops, lengths, areas, seed: options.Seed * 1_000_003UL + (ulong)step);
                var result = trainer.Step(batch, labels, classWeights);
                lossSum += result.Loss * slice.Length;
                hits += result.Correct;
                progress.StepFinished(epoch, s + 1, result.Loss);
            }

            var evaluationWatch = Stopwatch.StartNew();
            var probabilities = validator.Classify(validation.Select(c => c.Prepared).ToArray());
            var report = ClassifierEvaluation.Score(version, validation, probabilities, evaluationWatch.Elapsed.TotalSeconds);
            var improved = best is null || Better(report, best);
            classifier.Metadata = (info with { Metrics = Metrics(report) }).ToJson();
            if (improved)
            {
                best = report;
                bestEpoch = epoch;
                classifier.Save(outputPath);
            }

            var summary = new EpochSummary(
                epoch,
                Math.Round(trainer.LearningRate, 7),
                Math.Round(lossSum / samples.Length, 5),
                Math.Round((double)hits / samples.Length, 5),
                report.Accuracy,
                report.AccuracyAssigned,
                report.CellsAllCorrectAssigned,
                Math.Round(epochWatch.Elapsed.TotalSeconds, 1),
                improved);
            log.Append(summary);
            checkpoint.Save(classifier, trainer, new CheckpointProgress(
                epoch, step, bestEpoch, best!, info, earlierSeconds + watch.Elapsed.TotalSeconds, fingerprint));
            progress.EpochFinished(summary);
        }

        // Rewrite the best checkpoint's metadata with the finished training summary.
        var final = info with
        {
            Metrics = Metrics(best!),
            Training = new TrainingInfo(
                Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(manifest.Path))) + "/" + Path.GetFileName(manifest.Path),
                options.TrainSplit,
                train.Count,
                samples.Length,
                lastEpoch,
                bestEpoch,
                options.Seed,
                Math.Round(earlierSeconds + watch.Elapsed.TotalSeconds, 1)),
        };
        using (var saved = ChromosomeClassifier.Load(outputPath, ComputeDevice.Cpu))
        {
            saved.Metadata = final.ToJson();
            saved.Save(outputPath);
        }

        checkpoint.Delete();
        return final;
    }

    /// <summary>
    /// A new model's version. It names every result the model gives, so it must differ between runs started in the
    /// same second (two seeds side by side): the seed and four random hex digits, drawn apart from the seeded
    /// generator so that training stays reproducible, follow the start time.
    /// </summary>
    public static string NewVersion(TrainingOptions options, DateTimeOffset started)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Architecture}-b{options.BlocksPerStage}w{options.BaseWidth}-{started.UtcDateTime:yyyyMMdd'T'HHmmss}-s{options.Seed}-{System.Security.Cryptography.RandomNumberGenerator.GetHexString(4, lowercase: true)}");
    }

    private ModelInfo NewModelInfo() => new(
        ModelInfo.CurrentFormatVersion,
        NewVersion(options, DateTimeOffset.UtcNow),
        $"{Architecture}(canvas={options.Canvas}, base_width={options.BaseWidth}, blocks_per_stage={options.BlocksPerStage}, size_features=2)",
        new PreprocessingInfo(options.Canvas, options.ReferenceLength, options.Orient),
        ChromosomeClass.All.Select(c => c.Label).ToArray(),
        DateTimeOffset.UtcNow,
        Training: null,
        Metrics: new Dictionary<string, double>(),
        Stain: options.Stain == Screening.Stain.Unknown ? null : Screening.StainNames.Name(options.Stain));

    /// <summary>Where a run starts: its checkpoint folder, the options to record there, and the checkpoint resumed from (null: epoch 1).</summary>
    private sealed record ResumePoint(TrainingCheckpoint Checkpoint, TrainingFingerprint Fingerprint, CheckpointProgress? Resumed);

    private double LearningRateAt(int step, int totalSteps)
    {
        if (step < options.WarmupSteps)
        {
            return options.LearningRate * (step + 1) / options.WarmupSteps;
        }

        var progressFraction = (double)(step - options.WarmupSteps) / Math.Max(1, totalSteps - options.WarmupSteps);
        return options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progressFraction)));
    }

    private static bool Better(EvaluationReport candidate, EvaluationReport best) =>
        candidate.AccuracyAssigned > best.AccuracyAssigned
        || (candidate.AccuracyAssigned == best.AccuracyAssigned && candidate.Accuracy > best.Accuracy);

    private static Dictionary<string, double> Metrics(EvaluationReport report) => new()
    {
        ["val_accuracy"] = report.Accuracy,
        ["val_accuracy_assigned"] = report.AccuracyAssigned,
        ["val_cells_all_correct_assigned"] = report.CellsAllCorrectAssigned,
        ["val_karyotype_exact"] = report.KaryotypeExact,
    };
}
