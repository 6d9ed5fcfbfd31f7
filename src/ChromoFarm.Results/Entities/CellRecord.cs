namespace ChromoFarm.Results.Entities;

public enum CellStatus
{
    Completed = 0,
    Failed = 1,

    /// <summary>Submitted by the ingest role; no worker has answered yet.</summary>
    Queued = 2,
}

/// <summary>One cell (metaphase) of a case, with its latest status.</summary>
public sealed class CellRecord
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public CaseRecord? Case { get; set; }

    public required string CellKey { get; set; }

    /// <summary>"metaphase" or "crop-set".</summary>
    public required string SourceKind { get; set; }

    public CellStatus Status { get; set; }

    /// <summary>One line naming the file and the reason, when the cell failed.</summary>
    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// While queued: the AnalyzeCell message ingest sent (JSON), so that the coordinator's sweep can send it again
    /// when no worker answers; null once the cell has an outcome, and for cells stored before it existed.
    /// </summary>
    public string? Submission { get; set; }

    /// <summary>Times the sweep has sent the submission again.</summary>
    public int Resends { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<CellResultRecord> Results { get; set; } = [];
}
