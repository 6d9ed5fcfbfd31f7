namespace ChromoFarm.Api;

/// <summary>One row of the results table and of results.csv.</summary>
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
    string? Error);
