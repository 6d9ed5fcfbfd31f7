namespace ChromoFarm.Native;

/// <summary>How a metaphase spread is cut into chromosomes. Zero means the native default.</summary>
public sealed record SegmentationOptions
{
    /// <summary>All native defaults, polarity decided per image.</summary>
    public static SegmentationOptions Default { get; } = new();

    /// <summary>Chromosome polarity; <see cref="Polarity.Auto"/> decides it from the image.</summary>
    public Polarity Polarity { get; init; } = Polarity.Auto;

    /// <summary>Objects smaller than this many px are debris; 0: default.</summary>
    public int MinArea { get; init; }

    /// <summary>Objects larger than this times the median object area are dropped as nuclei; 0: default.</summary>
    public float MaxAreaFactor { get; init; }

    /// <summary>Objects larger than this times the median area are flagged for review as clusters; 0: default.</summary>
    public float ClusterAreaFactor { get; init; }

    /// <summary>Radius in px of the background-estimation kernel; 0: default.</summary>
    public int BackgroundRadius { get; init; }
}
