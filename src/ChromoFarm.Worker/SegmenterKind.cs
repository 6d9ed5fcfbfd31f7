namespace ChromoFarm.Worker;

/// <summary>Which segmenter cuts whole spreads into chromosomes (`Worker:Segmenter`).</summary>
public enum SegmenterKind
{
    /// <summary>Thresholds, nucleus removal and neck cuts; needs no model.</summary>
    Classical,

    /// <summary>The U-Net of `Worker:SegmenterModel`.</summary>
    Learned,

    /// <summary>
    /// Per image by its measured stain: the learned segmenter for fluorescence (better on spreads it never saw) and the
    /// classical one for brightfield G-band, where it is still the better of the two (docs/segmentation.md).
    /// </summary>
    Auto,
}
