namespace ChromoFarm.Contracts;

/// <summary>Why a cell could not be analysed.</summary>
public enum CellFailureKind
{
    /// <summary>The input itself is bad (not an image, corrupt, too large): retrying will not help.</summary>
    InvalidInput = 0,

    /// <summary>Something failed while processing valid input.</summary>
    ProcessingError = 1,
}

/// <summary>Event from a worker: a cell could not be analysed.</summary>
/// <param name="Reason">One line naming the file and the reason, as shown to the user.</param>
public sealed record CellFailed(
    Guid BatchId,
    string CaseId,
    string CellId,
    CellSourceKind Kind,
    CellFailureKind FailureKind,
    string Reason,
    DateTimeOffset SubmittedAt);
