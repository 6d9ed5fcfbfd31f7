namespace ChromoFarm.Native;

/// <summary>What a TorchScript module expects and returns; read from its JSON sidecar.</summary>
/// <param name="Canvas">Input side, px (crops are preprocessed to Canvas × Canvas, chromosome bright on 0).</param>
/// <param name="Channels">1, or 3 for stems built for RGB: the grey canvas is repeated.</param>
/// <param name="SizeFeatures">The module's forward takes (pixels, size features [N, 2]) rather than pixels alone.</param>
/// <param name="OutputsProbabilities">Rows already sum to 1; otherwise they are logits and softmax is applied.</param>
/// <param name="Mean">The module sees (pixel − Mean) / Std with pixels in [0, 1].</param>
/// <param name="Std">See <paramref name="Mean"/>; positive.</param>
/// <param name="NumClasses">Output columns: 24 (1..22, X, Y).</param>
public sealed record TorchScriptInput(
    int Canvas,
    int Channels = 1,
    bool SizeFeatures = false,
    bool OutputsProbabilities = false,
    float Mean = 0f,
    float Std = 1f,
    int NumClasses = NativeCore.NumClasses);
