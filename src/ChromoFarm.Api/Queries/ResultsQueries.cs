using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ChromoFarm.Datasets;
using ChromoFarm.Karyotyping;
using ChromoFarm.Results;
using ChromoFarm.Results.Entities;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Api;

/// <summary>The read side analysts use: cells with their latest result and review, pages, details, exports.</summary>
public sealed class ResultsQueries(DbContextOptions<ResultsDbContext> options)
{
    // New columns go at the end, so that readers of older exports keep working.
    public static readonly string CsvHeader =
        "case,cell,status,model_version,karyotype,chromosome_count,is_normal,mean_confidence,changed_by_assignment,error," +
        "call_confidence,alternative_karyotype,needs_review,review_reasons,priors_version," +
        "reviewed_karyotype,review_status,reviewed_by,reviewed_at,input_check";

    public static readonly string CasesCsvHeader = "case,cells,completed,failed,karyotype,mosaic,calls,notes";

    // Rows read per round trip by the exports: memory stays flat however many cells there are.
    private const int ExportChunk = 1000;

    /// <summary>Every cell (of <paramref name="caseId"/>, when given) with its result for <paramref name="modelVersion"/>
    /// (or its latest result when null), ordered by case and cell.</summary>
    public async Task<IReadOnlyList<CellSummary>> CellsAsync(string? modelVersion = null, string? caseId = null, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        var rows = await CellRow.Filter(CellRow.Select(db, modelVersion), new CellQuery { Case = caseId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderBy(r => r.CaseKey, StringComparer.Ordinal).ThenBy(r => r.CellKey, StringComparer.Ordinal).Select(r => r.ToSummary()).ToArray();
    }

    /// <summary>One page of the selection, with its total.</summary>
    public async Task<Page<CellSummary>> PageAsync(CellQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = new ResultsDbContext(options);
        var selected = CellRow.Filter(CellRow.Select(db, query.Model), query);
        var total = await selected.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await CellRow.Order(selected, query).Skip(query.Offset).Take(query.Limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        var next = query.Offset + rows.Count < total ? query.Offset + rows.Count : (int?)null;
        return new Page<CellSummary>(total, query.Offset, query.Limit, next, rows.Select(r => r.ToSummary()).ToArray());
    }

    /// <summary>The whole selection, read in chunks by cell id (the order cells were stored), for exports.</summary>
    public async IAsyncEnumerable<CellSummary> StreamAsync(CellQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = 0L;
        while (true)
        {
            List<CellRow> chunk;
            await using (var db = new ResultsDbContext(options))
            {
                chunk = await CellRow.Filter(CellRow.Select(db, query.Model), query)
                    .Where(r => r.CellId > after).OrderBy(r => r.CellId).Take(ExportChunk)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var row in chunk)
            {
                yield return row.ToSummary();
            }

            if (chunk.Count < ExportChunk)
            {
                yield break;
            }

            after = chunk[^1].CellId;
        }
    }

    /// <summary>A cell with its objects; null when the case or cell is unknown.</summary>
    public async Task<CellDetail?> CellAsync(string caseId, string cellId, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        var row = await CellRow.Filter(CellRow.Select(db, modelVersion), new CellQuery { Case = caseId })
            .Where(r => r.CellKey == cellId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var kind = await db.Cells.Where(c => c.Id == row.CellId).Select(c => c.SourceKind).FirstAsync(cancellationToken).ConfigureAwait(false);
        if (row.ResultId is not { } resultId)
        {
            return new CellDetail(row.ToSummary(), kind, [], null);
        }

        var chromosomes = await db.Chromosomes.AsNoTracking().Where(c => c.CellResultId == resultId).OrderBy(c => c.Index)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var reviewed = row.ReviewRevision is { } revision
            ? await db.ReviewLabels.AsNoTracking().Where(l => l.Review!.CellResultId == resultId && l.Review.Revision == revision)
                .OrderBy(l => l.Index).ToListAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var byIndex = chromosomes.ToDictionary(c => c.Index);
        var labels = reviewed?.Select(l => (l.Index, l.Label, l.Added)) ?? chromosomes.Select(c => (c.Index, c.Label, Added: false));
        var details = labels.Select(l => byIndex.TryGetValue(l.Index, out var c)
            ? new ChromosomeDetail(l.Index, l.Label, c.Label, c.ArgmaxLabel, c.Confidence, c.ArgmaxProbability, Box(c), c.NeedsReview, false, c.SourceName)
            : new ChromosomeDetail(l.Index, l.Label, null, null, null, null, null, false, l.Added, null)).ToList();
        var images = chromosomes.Where(c => (c.CutoutKey ?? c.ImageKey) is not null).ToDictionary(c => c.Index, c => (c.CutoutKey ?? c.ImageKey)!);
        var spread = kind == "metaphase" ? chromosomes.Select(c => c.ImageKey).FirstOrDefault(k => k is not null) : null;
        return new CellDetail(row.ToSummary(), kind, details, spread) { ImageKeys = images };
    }

    /// <summary>One page of cases, ordered by key, each combined from its cells' reported calls.</summary>
    public async Task<Page<CaseSummary>> CasesAsync(int limit, int offset, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        var total = await db.Cases.CountAsync(cancellationToken).ConfigureAwait(false);
        var keys = await db.Cases.OrderBy(c => c.CaseKey).Skip(offset).Take(limit).Select(c => c.CaseKey).ToListAsync(cancellationToken).ConfigureAwait(false);
        var rows = await CellRow.Select(db, modelVersion).Where(r => keys.Contains(r.CaseKey)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var cases = Cases(rows.Select(r => r.ToSummary()));
        var next = offset + keys.Count < total ? offset + keys.Count : (int?)null;
        return new Page<CaseSummary>(total, offset, limit, next, cases);
    }

    /// <summary>
    /// Each case's cells combined (<see cref="CaseKaryotype.Combine"/>): consensus, cells per call, clones and
    /// single-cell findings, from the reported calls (a reviewer's over the model's; rejected cells left out).
    /// Computed when read, so that it always reflects every cell and correction stored so far.
    /// </summary>
    public static IReadOnlyList<CaseSummary> Cases(IEnumerable<CellSummary> cells, MosaicismRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return cells
            .GroupBy(c => c.CaseId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var calls = g.Where(c => c.ReportedKaryotype is not null)
                    .Select(c => new CellCall(c.CellId, Karyotyping.Karyotype.Parse(c.ReportedKaryotype!), Math.Clamp(c.ReviewedKaryotype is null ? c.CallConfidence ?? 0 : 1, 0, 1)))
                    .ToList();
                var failed = g.Count(c => c.Status == "failed");
                return new CaseSummary(g.Key, g.Count(), calls.Count, failed, calls.Count == 0 ? null : CaseKaryotype.Combine(calls, rules));
            })
            .ToArray();
    }

    public static async Task WriteCsvAsync(IEnumerable<CellSummary> cells, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await WriteCsvAsync(cells.ToAsyncEnumerable(), writer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>results.csv's rows as they arrive (the export streams them to the response).</summary>
    public static async Task WriteCsvAsync(IAsyncEnumerable<CellSummary> cells, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteLineAsync(CsvHeader.AsMemory(), cancellationToken).ConfigureAwait(false);
        await foreach (var c in cells.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteLineAsync(CsvLine(c).AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    public static string CsvLine(CellSummary c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return string.Join(',', new[]
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
            Csv.Field(c.ReviewedKaryotype),
            Csv.Field(c.ReviewStatus),
            Csv.Field(c.ReviewedBy),
            c.ReviewedAt?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? string.Empty,
            Csv.Field(c.InputCheck),
        });
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

    private static Contracts.BoundingBox? Box(ChromosomeRecord c) =>
        c is { BoxX: { } x, BoxY: { } y, BoxWidth: { } w, BoxHeight: { } h } ? new Contracts.BoundingBox(x, y, w, h) : null;
}
