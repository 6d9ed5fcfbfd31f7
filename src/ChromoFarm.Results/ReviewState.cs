using ChromoFarm.Karyotyping;
using ChromoFarm.Results.Entities;
using ChromoFarm.Reviewing;

namespace ChromoFarm.Results;

/// <summary>A cell result as review sees it: the model's call and, where people have reviewed it, their latest revision.</summary>
/// <param name="Revision">0 while no one has reviewed the result; then the latest revision.</param>
/// <param name="Status">Null while no one has reviewed the result.</param>
/// <param name="Labels">The current labels: the latest revision's, or the model's.</param>
/// <param name="Karyotype">What <paramref name="Labels"/> give.</param>
public sealed record ReviewState(
    long CellResultId,
    string CaseKey,
    string CellKey,
    string ModelVersion,
    string ModelKaryotype,
    int Revision,
    ReviewStatus? Status,
    IReadOnlyList<ReviewedLabel> Labels,
    Karyotype Karyotype,
    string? Reviewer,
    DateTimeOffset? ReviewedAt,
    string? Note);

public enum ReviewOutcomeKind
{
    Applied,

    /// <summary>No such case, cell or result.</summary>
    NotFound,

    /// <summary>Someone else changed the cell since the revision the reviewer saw.</summary>
    Conflict,

    /// <summary>The step does not fit the cell as it stands; nothing was stored.</summary>
    Invalid,
}

/// <param name="Reason">One line, for everything but <see cref="ReviewOutcomeKind.Applied"/>.</param>
public sealed record ReviewOutcome(ReviewOutcomeKind Kind, string? Reason, ReviewState? State)
{
    public static ReviewOutcome NotFound(string reason) => new(ReviewOutcomeKind.NotFound, reason, null);
}
