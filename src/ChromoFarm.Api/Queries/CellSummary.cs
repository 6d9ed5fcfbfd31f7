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

    /// <summary>What the input screen found: the measured stain, the model chosen and why, other metaphases set aside.</summary>
    public string? InputCheck { get; init; }

    /// <summary>When the cell's state last changed (queued, failed, completed).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Higher is more urgent to review; see <see cref="CellQuery"/>.</summary>
    public double? Urgency { get; init; }

    /// <summary>"unreviewed", "in_review", "accepted" or "rejected"; null for a cell without a result.</summary>
    public string? ReviewStatus { get; init; }

    /// <summary>The karyotype a reviewer's labels give, beside the model's <see cref="Karyotype"/>; null when unreviewed.</summary>
    public string? ReviewedKaryotype { get; init; }

    public string? ReviewedBy { get; init; }

    public DateTimeOffset? ReviewedAt { get; init; }

    /// <summary>The latest review revision (0 when unreviewed): what a correction must name.</summary>
    public int ReviewRevision { get; init; }

    /// <summary>The call to report: the reviewer's where one exists, the model's otherwise; null for a rejected cell.</summary>
    public string? ReportedKaryotype => ReviewStatus == "rejected" ? null : ReviewedKaryotype ?? Karyotype;
}
