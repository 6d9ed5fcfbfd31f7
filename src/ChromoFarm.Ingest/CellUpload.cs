using ChromoFarm.Contracts;

namespace ChromoFarm.Ingest;

/// <summary>A cell submitted over HTTP: its images are already in the object store under these keys.</summary>
/// <param name="BatchId">One id per ingest run, carried to every message of the run.</param>
/// <param name="Rejected">Set by a client that could not read one of the cell's files: the cell is recorded as failed
/// with this reason instead of being analysed.</param>
public sealed record CellUpload(Guid BatchId, string CaseId, string CellId, CellSourceKind Kind, IReadOnlyList<CellImage> Images, string? Rejected = null);

public enum SubmissionOutcome
{
    /// <summary>Queued for analysis.</summary>
    Accepted = 0,

    /// <summary>Already queued or analysed: nothing was sent.</summary>
    Duplicate = 1,

    /// <summary>Not analysable (unreadable file, image missing from the store): recorded as a failed cell when the
    /// cell itself is well formed.</summary>
    Rejected = 2,
}

/// <param name="Reason">Why the cell was rejected; null otherwise.</param>
public sealed record SubmissionResult(SubmissionOutcome Outcome, string? Reason = null);
