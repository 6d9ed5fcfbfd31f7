namespace ChromoFarm.Contracts;

public enum CellOutcome
{
    Completed = 0,
    Failed = 1,
}

/// <summary>Event from the coordinator: the cell's result (or failure) is stored.</summary>
/// <param name="Karyotype">ISCN-style call, e.g. "47,XY,+21"; null when the cell failed.</param>
/// <param name="FailureKind">Why the cell failed; null when it completed.</param>
/// <param name="Duplicate">True when this was a redelivery and the stored result was left unchanged.</param>
public sealed record CellCompleted(
    Guid BatchId,
    string CaseId,
    string CellId,
    CellOutcome Outcome,
    string? Karyotype,
    int ChromosomeCount,
    string? Error,
    CellFailureKind? FailureKind,
    bool Duplicate);
