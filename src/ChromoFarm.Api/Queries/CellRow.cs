using ChromoFarm.Results;
using ChromoFarm.Results.Entities;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Api;

/// <summary>
/// A cell with its latest result (of one model, when asked) and that result's latest review, flat, as one SQL row:
/// what every list, filter, sort and export of the API reads. Built as an EF Core projection so that filters and
/// order run in the database.
/// </summary>
internal sealed class CellRow
{
    public long CellId { get; init; }

    public required string CaseKey { get; init; }

    public required string CellKey { get; init; }

    public CellStatus Status { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public long? ResultId { get; init; }

    public string? ModelVersion { get; init; }

    public string? Karyotype { get; init; }

    public int? ChromosomeCount { get; init; }

    public bool? IsNormal { get; init; }

    public double? MeanConfidence { get; init; }

    public int? ChangedByAssignment { get; init; }

    public double? CallConfidence { get; init; }

    public string? AlternativeKaryotype { get; init; }

    public bool? NeedsReview { get; init; }

    public string? ReviewReasons { get; init; }

    public string? InputCheck { get; init; }

    public string? PriorsVersion { get; init; }

    public int? ReviewRevision { get; init; }

    public ReviewStatus? ReviewStatus { get; init; }

    public string? ReviewedKaryotype { get; init; }

    public bool? ReviewedIsNormal { get; init; }

    public string? Reviewer { get; init; }

    public DateTimeOffset? ReviewedAt { get; init; }

    public double? Urgency { get; init; }

    public static IQueryable<CellRow> Select(ResultsDbContext db, string? model) =>
        db.Cells.AsNoTracking()
            .Select(c => new
            {
                Cell = c,
                CaseKey = c.Case!.CaseKey,
                Result = c.Results.Where(r => model == null || r.ModelVersion == model).OrderByDescending(r => r.Id).FirstOrDefault(),
            })
            .Select(x => new
            {
                x.Cell,
                x.CaseKey,
                x.Result,
                Review = x.Result!.Reviews.OrderByDescending(v => v.Revision).FirstOrDefault(),
            })
            .Select(x => new CellRow
            {
                CellId = x.Cell.Id,
                CaseKey = x.CaseKey,
                CellKey = x.Cell.CellKey,
                Status = x.Cell.Status,
                Error = x.Cell.Error,
                UpdatedAt = x.Cell.UpdatedAt,
                ResultId = x.Result == null ? null : x.Result.Id,
                ModelVersion = x.Result == null ? null : x.Result.ModelVersion,
                Karyotype = x.Result == null ? null : x.Result.Karyotype,
                ChromosomeCount = x.Result == null ? null : x.Result.ChromosomeCount,
                IsNormal = x.Result == null ? null : x.Result.IsNormal,
                MeanConfidence = x.Result == null ? null : x.Result.MeanConfidence,
                ChangedByAssignment = x.Result == null ? null : x.Result.ChangedByAssignment,
                CallConfidence = x.Result == null ? null : x.Result.CallConfidence,
                AlternativeKaryotype = x.Result == null ? null : x.Result.AlternativeKaryotype,
                NeedsReview = x.Result == null ? null : x.Result.NeedsReview,
                ReviewReasons = x.Result == null ? null : x.Result.ReviewReasons,
                InputCheck = x.Result == null ? null : x.Result.InputCheck,
                PriorsVersion = x.Result == null ? null : x.Result.PriorsVersion,
                ReviewRevision = x.Review == null ? null : x.Review.Revision,
                ReviewStatus = x.Review == null ? null : x.Review.Status,
                ReviewedKaryotype = x.Review == null ? null : x.Review.Karyotype,
                ReviewedIsNormal = x.Review == null ? null : x.Review.IsNormal,
                Reviewer = x.Review == null ? null : x.Review.Reviewer,
                ReviewedAt = x.Review == null ? null : x.Review.CreatedAt,
                Urgency = x.Result == null ? null
                    : (1 - x.Result.CallConfidence) + ((x.Review == null ? x.Result.IsNormal : x.Review.IsNormal) ? 0 : 1) + (x.Result.NeedsReview ? 0.5 : 0),
            });

    /// <summary>The query's filters; the model is chosen in <see cref="Select"/>.</summary>
    public static IQueryable<CellRow> Filter(IQueryable<CellRow> rows, CellQuery query)
    {
        if (query.Case is { } caseKey)
        {
            rows = rows.Where(r => r.CaseKey == caseKey);
        }

        // A model filter lists only the cells that model analysed (each with that model's result).
        if (query.Model is { } model)
        {
            rows = rows.Where(r => r.ModelVersion == model);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(r => r.Status == status);
        }

        if (query.NeedsReview is { } needsReview)
        {
            rows = rows.Where(r => r.NeedsReview == needsReview);
        }

        if (query.Abnormal is { } abnormal)
        {
            // The reported call: the reviewer's where one exists (a rejected cell has none), else the model's.
            rows = rows.Where(r => r.ResultId != null && r.ReviewStatus != Results.Entities.ReviewStatus.Rejected
                && (r.ReviewedIsNormal ?? r.IsNormal) == !abnormal);
        }

        if (query.Call is { } call)
        {
            rows = rows.Where(r => r.ReviewStatus != Results.Entities.ReviewStatus.Rejected && (r.ReviewedKaryotype ?? r.Karyotype) == call);
        }

        if (query.Review is { } review)
        {
            rows = review switch
            {
                "unreviewed" => rows.Where(r => r.ResultId != null && r.ReviewStatus == null),
                "in_review" => rows.Where(r => r.ReviewStatus == Results.Entities.ReviewStatus.InReview),
                "accepted" => rows.Where(r => r.ReviewStatus == Results.Entities.ReviewStatus.Accepted),
                _ => rows.Where(r => r.ReviewStatus == Results.Entities.ReviewStatus.Rejected),
            };
        }

        if (query.From is { } from)
        {
            rows = rows.Where(r => r.UpdatedAt >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(r => r.UpdatedAt < to);
        }

        return rows;
    }

    /// <summary>The query's order, with the cell's id last so that pages never overlap.</summary>
    public static IQueryable<CellRow> Order(IQueryable<CellRow> rows, CellQuery query) => (query.Order, query.Descending) switch
    {
        (CellOrder.Urgency, false) => rows.OrderBy(r => r.Urgency).ThenBy(r => r.CellId),
        (CellOrder.Urgency, true) => rows.OrderByDescending(r => r.Urgency).ThenBy(r => r.CellId),
        (CellOrder.Confidence, false) => rows.OrderBy(r => r.CallConfidence).ThenBy(r => r.CellId),
        (CellOrder.Confidence, true) => rows.OrderByDescending(r => r.CallConfidence).ThenBy(r => r.CellId),
        (CellOrder.Updated, false) => rows.OrderBy(r => r.UpdatedAt).ThenBy(r => r.CellId),
        (CellOrder.Updated, true) => rows.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.CellId),
        (CellOrder.Count, false) => rows.OrderBy(r => r.ChromosomeCount).ThenBy(r => r.CellId),
        (CellOrder.Count, true) => rows.OrderByDescending(r => r.ChromosomeCount).ThenBy(r => r.CellId),
        (_, false) => rows.OrderBy(r => r.CaseKey).ThenBy(r => r.CellKey).ThenBy(r => r.CellId),
        (_, true) => rows.OrderByDescending(r => r.CaseKey).ThenByDescending(r => r.CellKey).ThenBy(r => r.CellId),
    };

    public CellSummary ToSummary() =>
        new(CaseKey, CellKey, Status.ToString().ToLowerInvariant(), ModelVersion, Karyotype, ChromosomeCount ?? 0, IsNormal, MeanConfidence, ChangedByAssignment, Error)
        {
            CallConfidence = CallConfidence,
            AlternativeKaryotype = AlternativeKaryotype,
            NeedsReview = NeedsReview,
            ReviewReasons = ReviewReasons,
            InputCheck = InputCheck,
            PriorsVersion = PriorsVersion,
            UpdatedAt = UpdatedAt,
            Urgency = Urgency,
            ReviewStatus = ResultId is null ? null : ReviewStore.StatusName(ReviewStatus),
            ReviewedKaryotype = ReviewedKaryotype,
            ReviewedBy = Reviewer,
            ReviewedAt = ReviewedAt,
            ReviewRevision = ReviewRevision ?? 0,
        };
}
