using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native;

/// <summary>
/// Cuts a whole metaphase spread into chromosome instances. Stateless apart from its
/// options, so one instance may serve many threads.
/// </summary>
public sealed class MetaphaseSegmenter
{
    private readonly CfSegmentOptions _options;

    public MetaphaseSegmenter(SegmentationOptions? options = null)
    {
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

    /// <summary>Segments <paramref name="metaphase"/>; dispose the result.</summary>
    public Segmentation Segment(GreyImage metaphase)
    {
        ArgumentNullException.ThrowIfNull(metaphase);
        return new Segmentation(Proxy.cf_segment(metaphase.Handle, _options));
    }
}
