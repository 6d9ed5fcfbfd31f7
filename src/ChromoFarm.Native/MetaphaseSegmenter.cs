using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native;

/// <summary>
/// Cuts a whole metaphase spread into chromosome instances: classically (thresholds, neck cuts)
/// or, given a <see cref="SegmentationNetwork"/>, with the learned network. Stateless apart from
/// its options, so one instance may serve many threads.
/// </summary>
public sealed class MetaphaseSegmenter
{
    private readonly CfSegmentOptions _options;
    private readonly SegmentationNetwork? _network;

    /// <param name="options">Polarity and the size filters, shared by both ways.</param>
    /// <param name="network">The learned segmenter's network (owned by the caller); null for the classical segmenter.</param>
    public MetaphaseSegmenter(SegmentationOptions? options = null, SegmentationNetwork? network = null)
    {
        _network = network;
        Options = options ?? SegmentationOptions.Default;
        if (!Enum.IsDefined(Options.Polarity))
        {
            throw new ArgumentOutOfRangeException(nameof(options), Options.Polarity, "unknown polarity");
        }

        _options = new CfSegmentOptions
        {
            Polarity = (int)Options.Polarity,
            MinArea = Options.MinArea,
            MaxAreaFactor = Options.MaxAreaFactor,
            ClusterAreaFactor = Options.ClusterAreaFactor,
            BackgroundRadius = Options.BackgroundRadius,
        };
    }

    public SegmentationOptions Options { get; }

    /// <summary>"learned" or "classical", as reports name the segmenter.</summary>
    public string Name => _network is null ? "classical" : "learned";

    /// <summary>Segments <paramref name="metaphase"/>; dispose the result.</summary>
    public Segmentation Segment(GreyImage metaphase)
    {
        ArgumentNullException.ThrowIfNull(metaphase);
        return new Segmentation(_network is null
            ? Proxy.cf_segment(metaphase.Handle, _options)
            : Proxy.cf_segment_learned(metaphase.Handle, _network.Handle, _options));
    }
}
