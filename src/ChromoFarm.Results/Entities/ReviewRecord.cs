namespace ChromoFarm.Results.Entities;

/// <summary>Where a person's review of a cell result stands.</summary>
public enum ReviewStatus
{
    /// <summary>Labels corrected, not yet signed off.</summary>
    InReview = 0,

    /// <summary>Signed off: the labels, and the karyotype derived from them, are the reviewer's.</summary>
    Accepted = 1,

    /// <summary>The cell cannot be analysed (a poor spread, a broken cell): it is left out of the case.</summary>
    Rejected = 2,
}

/// <summary>
/// A reviewed result: one revision of a person's labels for a model's cell result. Revisions are only ever added
/// (the latest is the current reviewed result); the model's result beside it is never changed.
/// </summary>
public sealed class ReviewRecord
{
    public long Id { get; set; }

    public long CellResultId { get; set; }

    public CellResultRecord? CellResult { get; set; }

    /// <summary>1 for the first change to the model's labels, then one more per change.</summary>
    public int Revision { get; set; }

    /// <summary>Who made this revision (the credential's name).</summary>
    public required string Reviewer { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public ReviewStatus Status { get; set; }

    /// <summary>The karyotype derived from this revision's labels, e.g. "47,XX,+21".</summary>
    public required string Karyotype { get; set; }

    public int ChromosomeCount { get; set; }

    public bool IsNormal { get; set; }

    public required string SexChromosomes { get; set; }

    /// <summary>The reviewer's words, e.g. why the call was rejected.</summary>
    public string? Note { get; set; }

    public List<ReviewLabelRecord> Labels { get; set; } = [];
}
