namespace ChromoFarm.Training.Tests;

/// <summary>A recipe small enough that a whole run on <see cref="Pki3Sample"/> takes seconds.</summary>
internal static class TinyTraining
{
    public static readonly TrainingOptions Options = new()
    {
        Epochs = 3,
        BatchSize = 32,
        LearningRate = 2e-3f,
        WarmupSteps = 4,
        Canvas = 32,
        ReferenceLength = 16f,
        BaseWidth = 8,
        LimitCells = 4,
        Seed = 7,
    };
}
