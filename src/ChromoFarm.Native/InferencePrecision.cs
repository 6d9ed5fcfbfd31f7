namespace ChromoFarm.Native;

/// <summary>The number format a classifier computes in (cf_precision).</summary>
public enum InferencePrecision
{
    /// <summary>float32 throughout: the numbers a model was trained and validated with.</summary>
    Fp32 = 0,

    /// <summary>
    /// bfloat16 weights and activations, softmax in float32: on CPUs with AMX or AVX-512-BF16 (oneDNN) about twice
    /// the speed, elsewhere emulated and slower. Inference only: the weights are rounded.
    /// </summary>
    Bf16 = 1,
}
