using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native;

/// <summary>
/// Turns chromosome crops into classifier input: polarity normalised, drawn at a scale set
/// by the crop's cell (so relative size survives), plus size features. Stateless apart from
/// its options; safe to share between threads that fill different batches.
/// </summary>
public sealed class CropPreprocessor
{
    public CropPreprocessor(PreprocessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Canvas, nameof(options));
        if (!(options.ReferenceLength > 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ReferenceLength, "ReferenceLength must be > 0");
        }

        if (!(options.MaxRotationDegrees >= 0f))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRotationDegrees, "MaxRotationDegrees must be >= 0");
        }

        Options = options;
    }

    public PreprocessOptions Options { get; }

    /// <summary>
    /// Preprocesses <paramref name="crops"/> into <paramref name="batch"/> after the crops it
    /// already holds, so a batch can be filled cell by cell, and advances its Count.
    /// </summary>
    /// <param name="batch">Its Canvas must equal Options.Canvas and it must have room for every crop.</param>
    /// <param name="crops">The crops, typically one cell's.</param>
    /// <param name="referenceLengths">Per crop: the length that maps to Options.ReferenceLength, normally the median over the crop's cell.</param>
    /// <param name="referenceAreas">Per crop: the area the area feature is relative to, normally the cell's median.</param>
    /// <param name="seed">Augmentation seed for this call; defaults to Options.Seed. Give each batch its own.</param>
    /// <returns>The batch index of the first crop appended.</returns>
    public int Append(
        ClassifierBatch batch,
        IReadOnlyList<GreyImage> crops,
        ReadOnlySpan<float> referenceLengths,
        ReadOnlySpan<float> referenceAreas,
        ulong? seed = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(crops);
        if (batch.Canvas != Options.Canvas)
        {
            throw new ArgumentException($"batch canvas {batch.Canvas} differs from the preprocessing canvas {Options.Canvas}", nameof(batch));
        }

        var count = crops.Count;
        if (referenceLengths.Length != count || referenceAreas.Length != count)
        {
            throw new ArgumentException(
                $"{count} crops need {count} reference lengths and areas, got {referenceLengths.Length} and {referenceAreas.Length}");
        }

        if (count > batch.Remaining)
        {
            throw new ArgumentException($"{count} crops do not fit: the batch has room for {batch.Remaining} more", nameof(crops));
        }

        var first = batch.Count;
        if (count == 0)
        {
            return first;
        }

        var options = new CfPreprocessOptions
        {
            Canvas = Options.Canvas,
            ReferenceLength = Options.ReferenceLength,
            Augment = Options.Augment ? 1 : 0,
            Seed = seed ?? Options.Seed,
            MaxRotationDeg = Options.MaxRotationDegrees,
            Orient = Options.Orient ? 1 : 0,
            Fit = Options.Fit ? 1 : 0,
        };
        Proxy.cf_preprocess(
            crops,
            count,
            static (list, i) => (list[i] ?? throw new ArgumentException($"crop {i} is null", nameof(crops))).Handle,
            referenceLengths,
            referenceAreas,
            options,
            batch.Pixels.AsSpan(first * batch.PixelsPerCrop, count * batch.PixelsPerCrop),
            batch.Features.AsSpan(first * NativeCore.NumSizeFeatures, count * NativeCore.NumSizeFeatures));
        batch.Count = first + count;
        return first;
    }
}
