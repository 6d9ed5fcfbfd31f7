using System.Globalization;
using System.Text;
using ChromoFarm.Datasets;
using ChromoFarm.Results;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Api;

/// <summary>The read side analysts use: cells with their latest result, and CSV export.</summary>
public sealed class ResultsQueries(DbContextOptions<ResultsDbContext> options)
{
    public static readonly string CsvHeader =
        "case,cell,status,model_version,karyotype,chromosome_count,is_normal,mean_confidence,changed_by_assignment,error";

    /// <summary>Every cell with its result for <paramref name="modelVersion"/> (or its latest result when null).</summary>
    public async Task<IReadOnlyList<CellSummary>> CellsAsync(string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        var cells = await db.Cells.AsNoTracking()
            .Select(c => new
            {
                Case = c.Case!.CaseKey,
                c.CellKey,
                c.Status,
                c.Error,
                Result = c.Results
                    .Where(r => modelVersion == null || r.ModelVersion == modelVersion)
                    .OrderByDescending(r => r.Id)
                    .Select(r => new { r.ModelVersion, r.Karyotype, r.ChromosomeCount, r.IsNormal, r.MeanConfidence, r.ChangedByAssignment })
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
                c.Error))
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
            }));
        }

        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken).ConfigureAwait(false);
    }
}
