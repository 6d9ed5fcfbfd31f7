namespace ChromoFarm.Native;

/// <summary>The classifier's shape: a residual network of four stages.</summary>
/// <param name="Canvas">Input side, px; crops are preprocessed to this.</param>
/// <param name="BaseWidth">Channels of the first stage; each stage doubles them.</param>
/// <param name="BlocksPerStage">Residual blocks in each of the four stages.</param>
/// <param name="NumClasses">Output classes: 24 (1..22, X, Y).</param>
public sealed record ModelConfig(int Canvas, int BaseWidth, int BlocksPerStage, int NumClasses = NativeCore.NumClasses);
