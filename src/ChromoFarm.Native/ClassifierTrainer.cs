using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native;

/// <summary>
/// Trains a <see cref="ChromosomeClassifier"/> in place with AdamW. The trainer keeps the
/// model's native object alive until the trainer is disposed, even if the model is disposed
/// first. Steps take the model's lock, so a concurrent Predict waits instead of racing.
/// </summary>
public sealed class ClassifierTrainer : IDisposable
{
    private readonly TrainerHandle _handle;
    private float _learningRate;

    private ClassifierTrainer(ChromosomeClassifier model, TrainerHandle handle, float learningRate)
    {
        Model = model;
        _handle = handle;
        _learningRate = learningRate;
    }

    /// <summary>The model being trained.</summary>
    public ChromosomeClassifier Model { get; }

    /// <summary>The current learning rate; set it for schedules (warm-up, cosine, steps).</summary>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            CheckLearningRate(value);
            lock (Model.Gate)
            {
                Proxy.cf_trainer_set_learning_rate(_handle, value);
            }

            _learningRate = value;
        }
    }

    public static ClassifierTrainer Create(ChromosomeClassifier model, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        CheckLearningRate(options.LearningRate);
        if (!(options.WeightDecay >= 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.WeightDecay, "WeightDecay must be >= 0");
        }

        if (!(options.LabelSmoothing >= 0f && options.LabelSmoothing < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LabelSmoothing, "LabelSmoothing must be in [0, 1)");
        }

        var native = new CfTrainerOptions
        {
            LearningRate = options.LearningRate,
            WeightDecay = options.WeightDecay,
            LabelSmoothing = options.LabelSmoothing,
        };
        lock (model.Gate)
        {
            return new ClassifierTrainer(model, Proxy.cf_trainer_create(model.Handle, native), options.LearningRate);
        }
    }

    /// <summary>
    /// Writes what training needs beside the weights to resume exactly: the optimiser's moments and
    /// step counts and the CPU random generator (dropout). Written to a temporary file and renamed.
    /// </summary>
    public void SaveState(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        lock (Model.Gate)
        {
            Proxy.cf_trainer_save_state(_handle, path);
        }
    }

    /// <summary>Restores a state written by <see cref="SaveState"/>; set <see cref="LearningRate"/> afterwards as the schedule says.</summary>
    /// <exception cref="ModelFileException">Missing, corrupt, or written for a model of another shape.</exception>
    public void LoadState(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        lock (Model.Gate)
        {
            Proxy.cf_trainer_load_state(_handle, path);
        }
    }

    /// <summary>One optimisation step on the batch's crops.</summary>
    /// <param name="batch">Preprocessed crops; its canvas must match the model's.</param>
    /// <param name="labels">One class index in [0, NumClasses) per crop.</param>
    /// <param name="classWeights">NumClasses loss weights, or empty for none.</param>
    public TrainStepResult Step(ClassifierBatch batch, ReadOnlySpan<long> labels, ReadOnlySpan<float> classWeights = default)
    {
        Model.CheckBatch(batch);
        var classes = Model.Config.NumClasses;
        if (batch.Count == 0)
        {
            throw new ArgumentException("the batch is empty", nameof(batch));
        }

        if (labels.Length != batch.Count)
        {
            throw new ArgumentException($"{batch.Count} crops need {batch.Count} labels, got {labels.Length}", nameof(labels));
        }

        foreach (var label in labels)
        {
            if (label < 0 || label >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"labels are class indices in [0, {classes})");
            }
        }

        if (!classWeights.IsEmpty && classWeights.Length != classes)
        {
            throw new ArgumentException($"class weights need {classes} values, got {classWeights.Length}", nameof(classWeights));
        }

        lock (Model.Gate)
        {
            var (loss, correct) = Proxy.cf_trainer_step(
                _handle, batch.FilledPixels, batch.FilledFeatures, labels, batch.Count, classWeights);
            return new TrainStepResult(loss, correct);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private static void CheckLearningRate(float learningRate)
    {
        if (!(learningRate > 0f) || float.IsInfinity(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "the learning rate must be finite and > 0");
        }
    }
}
