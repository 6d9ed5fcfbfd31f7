using ChromoFarm.Native;

namespace ChromoFarm.Training;

/// <summary>The training recipe; the defaults are the shipped model's (docs/model.md).</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 30;

    public int BatchSize { get; init; } = 64;

    public float LearningRate { get; init; } = 2e-3f;

    public float WeightDecay { get; init; } = 1e-4f;

    public float LabelSmoothing { get; init; } = 0.1f;

    /// <summary>Steps of linear learning-rate warm-up before the cosine decay.</summary>
    public int WarmupSteps { get; init; } = 200;

    /// <summary>Stop after this many epochs without a better validation score; 0 (the default): train every epoch
    /// of the schedule and keep the best (<see cref="EarlyStopping"/>).</summary>
    public int Patience { get; init; }

    public ulong Seed { get; init; } = 1;

    public int Canvas { get; init; } = 80;

    /// <summary>Pixels a chromosome of its cell's median length is drawn at.</summary>
    public float ReferenceLength { get; init; } = 40f;

    public int BaseWidth { get; init; } = 32;

    public int BlocksPerStage { get; init; } = 1;

    /// <summary>Crops are turned long axis vertical (karyogram orientation) before augmentation.</summary>
    public bool Orient { get; init; } = true;

    /// <summary>Augmentation rotation around the (oriented) crop: small, since orientation already did the rest.</summary>
    public float MaxRotationDegrees { get; init; } = 15f;

    /// <summary>Weight the loss by inverse class frequency (helps the rare Y); off until measured on Pki-3.</summary>
    public bool ClassBalanced { get; init; }

    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;

    public string TrainSplit { get; init; } = "train";

    public string ValidationSplit { get; init; } = "val";

    /// <summary>Use at most this many training cells (0 = all): for quick checks, not for real models.</summary>
    public int LimitCells { get; init; }

    /// <summary>The stain of the training images, recorded in the model so that the farm can refuse another stain.</summary>
    public Screening.Stain Stain { get; init; }
}
