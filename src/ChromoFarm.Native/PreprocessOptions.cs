namespace ChromoFarm.Native;

/// <summary>How crops become classifier input.</summary>
public sealed record PreprocessOptions
{
    /// <summary>Output side, px: every crop is drawn on a Canvas × Canvas square.</summary>
    public required int Canvas { get; init; }

    /// <summary>
    /// Drawn length, px, of a crop as long as its cell's reference (median) length. Fixed, not
    /// fit-to-frame, so size relative to the other chromosomes of the cell survives.
    /// </summary>
    public required float ReferenceLength { get; init; }

    /// <summary>Random rotation, flips, scale and intensity jitter (training only).</summary>
    public bool Augment { get; init; }

    /// <summary>Augmentation seed; vary it per batch (see <see cref="CropPreprocessor.Append"/>).</summary>
    public ulong Seed { get; init; }

    /// <summary>Augmentation rotation is uniform in ±this many degrees; 180 means any angle.</summary>
    public float MaxRotationDegrees { get; init; } = 180f;

    /// <summary>
    /// Turn each crop's long axis vertical before drawing it, as in a karyogram: the network
    /// then spends no capacity on rotation, and crops cut from a spread at any angle match.
    /// </summary>
    public bool Orient { get; init; }

    /// <summary>
    /// Scale every crop so that its longer side fills the canvas (as torchvision-style models are
    /// usually trained) instead of the per-cell scale; <see cref="ReferenceLength"/> then only
    /// matters for the size features.
    /// </summary>
    public bool Fit { get; init; }
}
