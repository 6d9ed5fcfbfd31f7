namespace ChromoFarm.Worker;

/// <summary>Which segmenter cuts whole spreads into chromosomes (`Worker:Segmenter`).</summary>
public enum SegmenterKind
{
    /// <summary>Thresholds, nucleus removal and neck cuts; needs no model.</summary>
    Classical,

    /// <summary>The U-Net of `Worker:SegmenterModel`.</summary>
    Learned,
}
