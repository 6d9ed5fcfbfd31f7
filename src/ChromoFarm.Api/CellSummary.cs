namespace ChromoFarm.Api;

/// <summary>One row of the results table and of results.csv.</summary>
/// <param name="MeanConfidence">Mean probability of the assigned chromosome labels.</param>
/// <param name="CallConfidence">Probability of the karyotype call against the competing calls.</param>
/// <param name="ReviewReasons">Why to review the cell, ';'-separated; empty when none.</param>
public sealed record CellSummary(
    string CaseId,
    string CellId,
    string Status,
    string? ModelVersion,
    string? Karyotype,
    int ChromosomeCount,
    bool? IsNormal,
    double? MeanConfidence,
    int? ChangedByAssignment,
    string? Error)
{
    public double? CallConfidence { get; init; }

    public string? AlternativeKaryotype { get; init; }

    public bool? NeedsReview { get; init; }

    public string? ReviewReasons { get; init; }

    public string? PriorsVersion { get; init; }
}
