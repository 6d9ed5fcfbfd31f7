namespace ChromoFarm.Native.Tests;

/// <summary>Sizes small enough that model tests stay quick on a 2-core CPU.</summary>
internal static class TestModels
{
    public const int Canvas = 48;

    public static ModelConfig Small { get; } = new(Canvas: Canvas, BaseWidth: 8, BlocksPerStage: 1);

    public static PreprocessOptions Preprocess { get; } = new() { Canvas = Canvas, ReferenceLength = Canvas / 2f };

    public static CropPreprocessor Preprocessor { get; } = new(Preprocess);

    /// <summary>A CPU model, so that results are reproducible on any host.</summary>
    public static ChromosomeClassifier CreateSmall(ulong seed = 7) => ChromosomeClassifier.Create(Small, seed, ComputeDevice.Cpu);
}
