namespace ChromoFarm.Training.Segmentation;

/// <summary>How <see cref="SegmenterTraining"/> trains the learned segmenter.</summary>
public sealed record SegmenterTrainingOptions
{
    /// <summary>Passes over the tuning images.</summary>
    public int Epochs { get; init; } = 40;

    /// <summary>Side of the square training tiles, px (a multiple of 8).</summary>
    public int TileSize { get; init; } = 128;

    /// <summary>Tiles cut from each image per epoch.</summary>
    public int TilesPerImage { get; init; } = 4;

    public int BatchSize { get; init; } = 8;

    /// <summary>Peak learning rate; it falls to zero over the run along a cosine.</summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Channels at full resolution; the network doubles them at each of its three levels.</summary>
    public int Width { get; init; } = 16;

    /// <summary>Loss weight of contact pixels against 1 for the others: they are few and decide the splits.</summary>
    public float ContactWeight { get; init; } = 3f;

    /// <summary>
    /// Give every training set the same share of an epoch's tiles (rather than a share by its
    /// number of images), so a small set such as M-FISH's 53 tuning images is not outweighed.
    /// </summary>
    public bool BalanceSets { get; init; } = true;

    /// <summary>
    /// Also zoom, unevenly light, gamma-correct, blur and noise the tiles, so the network holds up on
    /// spreads from cameras and labs unlike the tuning images (off: turns, mirrors and gain only).
    /// </summary>
    public bool StrongAugmentation { get; init; }

    public ulong Seed { get; init; } = 1;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TilesPerImage);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Width);
        // At least two cells at the network's deepest level, or batch norm has nothing to normalise over.
        if (TileSize < 2 * Native.SegmentationNetwork.Stride || TileSize % Native.SegmentationNetwork.Stride != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TileSize), TileSize, $"must be a multiple of {Native.SegmentationNetwork.Stride}, at least {2 * Native.SegmentationNetwork.Stride}");
        }

        if (!(LearningRate > 0) || !(ContactWeight > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), "the learning rate and the contact weight must be positive");
        }
    }
}
