namespace ChromoFarm.Results.Entities;

/// <summary>One chromosome of a cell result.</summary>
public sealed class ChromosomeRecord
{
    public long Id { get; set; }

    public long CellResultId { get; set; }

    public CellResultRecord? CellResult { get; set; }

    /// <summary>Position within the cell (segmentation or crop-set order).</summary>
    public int Index { get; set; }

    public required string SourceName { get; set; }

    /// <summary>Label after per-cell assignment: "1".."22", "X", "Y".</summary>
    public required string Label { get; set; }

    /// <summary>The classifier's most probable label.</summary>
    public required string ArgmaxLabel { get; set; }

    /// <summary>Probability of the assigned label.</summary>
    public double Confidence { get; set; }

    public double ArgmaxProbability { get; set; }

    public double Length { get; set; }

    public double Area { get; set; }

    public int? BoxX { get; set; }

    public int? BoxY { get; set; }

    public int? BoxWidth { get; set; }

    public int? BoxHeight { get; set; }

    public bool NeedsReview { get; set; }

    /// <summary>Object-store key of the image the chromosome is in: its crop, or the metaphase spread.</summary>
    public string? ImageKey { get; set; }

    /// <summary>For a chromosome cut from a spread: the key of its stored cut-out (PNG, upright, dark on white).</summary>
    public string? CutoutKey { get; set; }
}
