namespace ChromoFarm.Native;

/// <summary>
/// Reusable input buffers for the classifier: preprocessed crops (canvas × canvas floats each,
/// background 0, chromosome bright) and their size features. A worker keeps one per thread and
/// refills it, so classifying allocates nothing per batch.
/// </summary>
public sealed class ClassifierBatch
{
    private int _count;

    public ClassifierBatch(int capacity, int canvas)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(canvas);
        Capacity = capacity;
        Canvas = canvas;
        Pixels = new float[checked(capacity * canvas * canvas)];
        Features = new float[checked(capacity * NativeCore.NumSizeFeatures)];
    }

    /// <summary>Crops the buffers hold room for.</summary>
    public int Capacity { get; }

    /// <summary>Side of each crop's square, px.</summary>
    public int Canvas { get; }

    /// <summary>Floats per crop in <see cref="Pixels"/>.</summary>
    public int PixelsPerCrop => Canvas * Canvas;

    /// <summary>
    /// Crops filled so far, from the start of the buffers. Set it directly only after writing
    /// <see cref="Pixels"/> and <see cref="Features"/> yourself.
    /// </summary>
    public int Count
    {
        get => _count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Capacity);
            _count = value;
        }
    }

    /// <summary>Crops that still fit.</summary>
    public int Remaining => Capacity - _count;

    /// <summary>Capacity × Canvas × Canvas floats, crop after crop, row-major.</summary>
#pragma warning disable CA1819 // the point of this type is a buffer the caller may fill and reuse in place
    public float[] Pixels { get; }

    /// <summary>Capacity × <see cref="NativeCore.NumSizeFeatures"/> floats: length and area relative to the crop's cell.</summary>
    public float[] Features { get; }
#pragma warning restore CA1819

    /// <summary>Empties the batch for reuse; the buffers are kept.</summary>
    public void Clear() => _count = 0;

    /// <summary>The pixels of crop <paramref name="index"/> (any index below <see cref="Capacity"/>).</summary>
    public Span<float> CropPixels(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        return Pixels.AsSpan(index * PixelsPerCrop, PixelsPerCrop);
    }

    /// <summary>The size features of crop <paramref name="index"/>.</summary>
    public Span<float> CropFeatures(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        return Features.AsSpan(index * NativeCore.NumSizeFeatures, NativeCore.NumSizeFeatures);
    }

    /// <summary>
    /// Mirrors every filled crop in place: left to right, top to bottom, or both (a half turn).
    /// Test-time augmentation classifies the mirrored views too; the size features stay as they are.
    /// </summary>
    public void Mirror(bool leftRight, bool topBottom)
    {
        var side = Canvas;
        for (var k = 0; k < _count; k++)
        {
            var crop = CropPixels(k);
            if (leftRight)
            {
                for (var y = 0; y < side; y++)
                {
                    crop.Slice(y * side, side).Reverse();
                }
            }

            if (topBottom)
            {
                for (int top = 0, bottom = side - 1; top < bottom; top++, bottom--)
                {
                    var a = crop.Slice(top * side, side);
                    var b = crop.Slice(bottom * side, side);
                    for (var x = 0; x < side; x++)
                    {
                        (a[x], b[x]) = (b[x], a[x]);
                    }
                }
            }
        }
    }

    internal ReadOnlySpan<float> FilledPixels => Pixels.AsSpan(0, _count * PixelsPerCrop);

    internal ReadOnlySpan<float> FilledFeatures => Features.AsSpan(0, _count * NativeCore.NumSizeFeatures);
}
