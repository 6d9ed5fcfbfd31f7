namespace ChromoFarm.Api;

/// <summary>One object of a cell result as review sees it.</summary>
/// <param name="Label">The current label: the reviewer's where the cell has been reviewed, else the model's assignment ("artefact" for a removed object).</param>
/// <param name="ModelLabel">The model's label after per-cell assignment; null for a chromosome a reviewer added.</param>
/// <param name="ArgmaxLabel">The classifier's most probable class, before assignment.</param>
/// <param name="Confidence">The model's probability for <paramref name="ModelLabel"/>.</param>
/// <param name="NeedsReview">Segmentation flagged the object as a possible cluster or fragment.</param>
/// <param name="Added">Added by a reviewer (the segmentation missed it); it has no image.</param>
public sealed record ChromosomeDetail(
    int Index,
    string Label,
    string? ModelLabel,
    string? ArgmaxLabel,
    double? Confidence,
    double? ArgmaxProbability,
    Contracts.BoundingBox? Box,
    bool NeedsReview,
    bool Added,
    string? SourceName)
{
    /// <summary>True when a reviewer changed the model's label.</summary>
    public bool Corrected => Added || (ModelLabel is not null && ModelLabel != Label);
}

/// <summary>A cell with its result and objects: what the review page and GET /v1/cases/{case}/cells/{cell} show.</summary>
/// <param name="Kind">"metaphase" (cut from a spread) or "crop-set".</param>
/// <param name="SpreadKey">The spread's object key, for a metaphase cell.</param>
public sealed record CellDetail(CellSummary Cell, string Kind, IReadOnlyList<ChromosomeDetail> Chromosomes, string? SpreadKey)
{
    /// <summary>Image keys by object index: the cut-out of a segmented chromosome, else its crop.</summary>
    public IReadOnlyDictionary<int, string> ImageKeys { get; init; } = new Dictionary<int, string>();
}
