using ChromoFarm.Contracts;

namespace ChromoFarm.Results;

/// <summary>A cell waiting for a worker's answer, as the coordinator's sweep sees it.</summary>
/// <param name="Submission">The message ingest sent; null for cells queued before submissions were kept.</param>
/// <param name="Since">When it was last sent.</param>
public sealed record QueuedCell(string CaseId, string CellId, CellSourceKind Kind, AnalyzeCell? Submission, int Resends, DateTimeOffset Since);
