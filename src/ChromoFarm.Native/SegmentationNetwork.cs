using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native;

/// <summary>
/// The learned segmenter's network held by the native core: a small U-Net that labels each pixel
/// of a spread <see cref="Background"/>, <see cref="Interior"/> or <see cref="Contact"/> (a
/// chromosome's pixel next to another chromosome). Segmenting with it is safe from many threads
/// at once; a training <see cref="Step"/> must not run while anything else uses the network.
/// </summary>
public sealed class SegmentationNetwork : IDisposable
{
    public const byte Background = 0;
    public const byte Interior = 1;
    public const byte Contact = 2;

    /// <summary>A target pixel that does not count in the loss.</summary>
    public const byte Ignore = 255;

    /// <summary>Classes the network tells apart.</summary>
    public const int ClassCount = 3;

    /// <summary>Training tiles' sides are multiples of this.</summary>
    public const int Stride = 8;

    private SegmentationNetwork(SegmentNetHandle handle) => Handle = handle;

    /// <summary>Free text saved inside the network's file (its provenance).</summary>
    public string Metadata
    {
        get => Proxy.cf_segment_net_get_metadata(Handle);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Proxy.cf_segment_net_set_metadata(Handle, value);
        }
    }

    internal SegmentNetHandle Handle { get; }

    /// <summary>A freshly initialised network with <paramref name="width"/> channels at full resolution.</summary>
    /// <exception cref="DeviceUnavailableException">CUDA asked for but not available.</exception>
    public static SegmentationNetwork Create(int width = 16, ulong seed = 0, ComputeDevice device = ComputeDevice.Auto) =>
        new(Proxy.cf_segment_net_create(width, seed, (int)device));

    /// <summary>Loads a network written by <see cref="Save"/>.</summary>
    /// <exception cref="ModelFileException">Missing, corrupt or not a segmentation network; the message starts with the path.</exception>
    public static SegmentationNetwork Load(string path, ComputeDevice device = ComputeDevice.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new SegmentationNetwork(Proxy.cf_segment_net_load(path, (int)device));
    }

    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Proxy.cf_segment_net_save(Handle, path);
    }

    /// <summary>The network's input for a spread, Width × Height values row by row, as segmentation makes it.</summary>
    public static float[] Input(GreyImage spread, Polarity polarity = Polarity.Auto)
    {
        ArgumentNullException.ThrowIfNull(spread);
        var input = new float[checked(spread.Width * spread.Height)];
        Proxy.cf_segment_net_input(spread.Handle, (int)polarity, input);
        return input;
    }

    /// <summary>One AdamW step on <paramref name="count"/> square tiles of side <paramref name="size"/>.</summary>
    /// <param name="inputs">count × size × size values cut from <see cref="Input"/>.</param>
    /// <param name="targets">One class (or <see cref="Ignore"/>) per pixel of the tiles.</param>
    /// <param name="classWeights">Empty, or one weight per class.</param>
    /// <returns>The mean cross-entropy before the step.</returns>
    public float Step(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int count, int size, float learningRate,
        ReadOnlySpan<float> classWeights = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var pixels = checked(count * size * size);
        if (inputs.Length != pixels || targets.Length != pixels)
        {
            throw new ArgumentException($"{count} tiles of {size}x{size} need {pixels} inputs and targets, got {inputs.Length} and {targets.Length}");
        }

        if (!classWeights.IsEmpty && classWeights.Length != ClassCount)
        {
            throw new ArgumentException($"classWeights needs {ClassCount} values, got {classWeights.Length}", nameof(classWeights));
        }

        return Proxy.cf_segment_net_step(Handle, inputs, targets, count, size, learningRate, classWeights);
    }

    public void Dispose() => Handle.Dispose();
}
