namespace ChromoFarm.Contracts;

/// <summary>One chromosome found in a cell with the classifier's output.</summary>
/// <param name="Index">Position within the cell (order of segmentation or of the crop set).</param>
/// <param name="SourceName">The crop file, or the metaphase image the instance was cut from.</param>
/// <param name="Box">Bounding box in the metaphase image; null for a crop.</param>
/// <param name="Length">Long side of the chromosome, px in its source image.</param>
/// <param name="Area">Foreground pixels in its source image.</param>
/// <param name="Probabilities">24 class probabilities in <see cref="Domain.ChromosomeClass"/> order.</param>
/// <param name="NeedsReview">Segmentation thinks this object may be a cluster, not one chromosome.</param>
/// <param name="ImageKey">Object-store key of <paramref name="SourceName"/>; null from workers older than the review.</param>
/// <param name="CutoutKey">For a chromosome cut from a spread: the key of its stored cut-out (upright PNG), for karyograms.</param>
public sealed record ClassifiedChromosome(
    int Index,
    string SourceName,
    BoundingBox? Box,
    float Length,
    float Area,
    IReadOnlyList<float> Probabilities,
    bool NeedsReview,
    string? ImageKey = null,
    string? CutoutKey = null);

public sealed record BoundingBox(int X, int Y, int Width, int Height);

/// <summary>Event from a worker: every chromosome of a cell has class probabilities.</summary>
/// <param name="InputCheck">What the input screen found (stain, the model chosen, other metaphases set aside); null from older workers.</param>
/// <param name="OtherMetaphases">Metaphases found beside the analysed one and set aside: the cell is flagged for review.</param>
public sealed record CellClassified(
    Guid BatchId,
    string CaseId,
    string CellId,
    CellSourceKind Kind,
    string ModelVersion,
    IReadOnlyList<ClassifiedChromosome> Chromosomes,
    DateTimeOffset SubmittedAt,
    TimeSpan ProcessingTime,
    string? InputCheck = null,
    int OtherMetaphases = 0);
