using System.Globalization;
using System.Text;
using ChromoFarm.Datasets;
using ChromoFarm.Karyotyping;
using ChromoFarm.Results;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Api;

/// <summary>The read side analysts use: cells with their latest result, and CSV export.</summary>
public sealed class ResultsQueries(DbContextOptions<ResultsDbContext> options)
{
    // New columns go at the end, so that readers of older exports keep working.
    public static readonly string CsvHeader =
        "case,cell,status,model_version,karyotype,chromosome_count,is_normal,mean_confidence,changed_by_assignment,error," +
        "call_confidence,alternative_karyotype,needs_review,review_reasons,priors_version";

    public static readonly string CasesCsvHeader = "case,cells,completed,failed,karyotype,mosaic,calls,notes";

    /// <summary>Every cell (of <paramref name="caseId"/>, when given) with its result for <paramref name="modelVersion"/>
    /// (or its latest result when null).</summary>
    public async Task<IReadOnlyList<CellSummary>> CellsAsync(string? modelVersion = null, string? caseId = null, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        var cells = await db.Cells.AsNoTracking()
            .Where(c => caseId == null || c.Case!.CaseKey == caseId)
            .Select(c => new
            {
                Case = c.Case!.CaseKey,
                c.CellKey,
                c.Status,
                c.Error,
                Result = c.Results
                    .Where(r => modelVersion == null || r.ModelVersion == modelVersion)
                    .OrderByDescending(r => r.Id)
                    .Select(r => new
                    {
                        r.ModelVersion,
                        r.Karyotype,
                        r.ChromosomeCount,
                        r.IsNormal,
                        r.MeanConfidence,
                        r.ChangedByAssignment,
                        r.CallConfidence,
                        r.AlternativeKaryotype,
                        r.NeedsReview,
                        r.ReviewReasons,
                        r.PriorsVersion,
                    })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        return cells
            .OrderBy(c => c.Case, StringComparer.Ordinal)
            .ThenBy(c => c.CellKey, StringComparer.Ordinal)
            .Select(c => new CellSummary(
                c.Case,
                c.CellKey,
                c.Status.ToString().ToLowerInvariant(),
                c.Result?.ModelVersion,
                c.Result?.Karyotype,
                c.Result?.ChromosomeCount ?? 0,
                c.Result?.IsNormal,
                c.Result?.MeanConfidence,
                c.Result?.ChangedByAssignment,
                c.Error)
            {
                CallConfidence = c.Result?.CallConfidence,
                AlternativeKaryotype = c.Result?.AlternativeKaryotype,
                NeedsReview = c.Result?.NeedsReview,
                ReviewReasons = c.Result?.ReviewReasons,
                PriorsVersion = c.Result?.PriorsVersion,
            })
            .ToArray();
    }

    /// <summary>
    /// Each case's cells combined (<see cref="CaseKaryotype.Combine"/>): consensus, cells per call, clones and
    /// single-cell findings. Computed when read, so that it always reflects every cell stored so far.
    /// </summary>
    public static IReadOnlyList<CaseSummary> Cases(IEnumerable<CellSummary> cells, MosaicismRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return cells
            .GroupBy(c => c.CaseId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var calls = g.Where(c => c.Karyotype is not null)
                    .Select(c => new CellCall(c.CellId, Karyotyping.Karyotype.Parse(c.Karyotype!), Math.Clamp(c.CallConfidence ?? 0, 0, 1)))
                    .ToList();
                var failed = g.Count(c => c.Status == "failed");
                return new CaseSummary(g.Key, g.Count(), calls.Count, failed, calls.Count == 0 ? null : CaseKaryotype.Combine(calls, rules));
            })
            .ToArray();
    }

    public static async Task WriteCsvAsync(IEnumerable<CellSummary> cells, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var text = new StringBuilder().AppendLine(CsvHeader);
        foreach (var c in cells)
        {
            text.AppendLine(string.Join(',', new[]
            {
                Csv.Field(c.CaseId), Csv.Field(c.CellId), c.Status, Csv.Field(c.ModelVersion), Csv.Field(c.Karyotype),
                c.ChromosomeCount.ToString(CultureInfo.InvariantCulture),
                c.IsNormal is null ? string.Empty : c.IsNormal.Value ? "true" : "false",
                c.MeanConfidence?.ToString("0.0000", CultureInfo.InvariantCulture) ?? string.Empty,
                c.ChangedByAssignment?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                Csv.Field(c.Error),
                c.CallConfidence?.ToString("0.0000", CultureInfo.InvariantCulture) ?? string.Empty,
                Csv.Field(c.AlternativeKaryotype),
                c.NeedsReview is null ? string.Empty : c.NeedsReview.Value ? "true" : "false",
                Csv.Field(c.ReviewReasons),
                Csv.Field(c.PriorsVersion),
            }));
        }

        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    public static async Task WriteCasesCsvAsync(IEnumerable<CaseSummary> cases, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var text = new StringBuilder().AppendLine(CasesCsvHeader);
        foreach (var c in cases)
        {
            text.AppendLine(string.Join(',', new[]
            {
                Csv.Field(c.CaseId),
                c.Cells.ToString(CultureInfo.InvariantCulture),
                c.Completed.ToString(CultureInfo.InvariantCulture),
                c.Failed.ToString(CultureInfo.InvariantCulture),
                Csv.Field(c.Notation),
                c.Karyotype?.IsMosaic == true ? "true" : "false",
                Csv.Field(c.CallCounts),
                Csv.Field(c.Karyotype is null ? null : string.Join(" ", c.Karyotype.Notes)),
            }));
        }

        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken).ConfigureAwait(false);
    }
}
