using ChromoFarm.Karyotyping;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Training;

/// <summary>How <see cref="ClassifierEvaluation.Run"/> classifies and calls the cells.</summary>
public sealed record EvaluationSettings
{
    /// <summary>The coordinator's per-cell step; null: the shipped copy-number priors.</summary>
    public KaryotypeCaller? Caller { get; init; }

    public TestTimeAugmentation Augmentation { get; init; } = TestTimeAugmentation.None;

    /// <summary>Cells decoded together; about 1,100 crops by default, enough work to share between threads.</summary>
    public int CellsPerChunk { get; init; } = 24;

    /// <summary>Chunks of cells decoded ahead of the forward pass, in parallel; 0 loads and classifies in turn.</summary>
    public int PrefetchChunks { get; init; } = 2;
}
