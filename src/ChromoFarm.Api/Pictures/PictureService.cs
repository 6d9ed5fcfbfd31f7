using System.Globalization;
using ChromoFarm.Karyograms;
using ChromoFarm.Karyotyping;
using ChromoFarm.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace ChromoFarm.Api;

/// <summary>
/// A cell's karyogram and spread as the page and the API serve them, rendered from the stored images and kept for
/// a while (keyed by result and review revision, so that a correction draws anew): the page needs the picture's
/// layout to make chromosomes clickable and then the picture itself.
/// </summary>
public sealed class PictureService(IObjectStore store, IMemoryCache cache)
{
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(10);
    private readonly KaryogramRenderer karyograms = new(store);
    private readonly SpreadRenderer spreads = new(store);

    public Task<KaryogramPicture> KaryogramAsync(CellDetail cell, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cache.GetOrCreateAsync(Key("karyogram", cell), entry =>
        {
            entry.SetSize(1).SetSlidingExpiration(Kept);
            return karyograms.RenderAsync(Request(cell), cancellationToken);
        })!;
    }

    /// <summary>Null for a crop-set cell, or when the spread is missing from the store.</summary>
    public async Task<KaryogramPicture?> SpreadAsync(CellDetail cell, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.SpreadKey is not { } spread)
        {
            return null;
        }

        return await cache.GetOrCreateAsync(Key("spread", cell), entry =>
        {
            entry.SetSize(1).SetSlidingExpiration(Kept);
            return spreads.RenderAsync(spread, Request(cell), cancellationToken);
        }).ConfigureAwait(false);
    }

    /// <summary>What a picture of <paramref name="cell"/> shows.</summary>
    public static KaryogramRequest Request(CellDetail cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var summary = cell.Cell;
        var title = string.Create(CultureInfo.InvariantCulture,
            $"{summary.CaseId} / {summary.CellId} — {summary.ReportedKaryotype ?? "rejected"}{(summary.ReviewedKaryotype is null ? $" (confidence {summary.CallConfidence ?? 0:0.00})" : " (reviewed)")}");
        var parts = new List<string> { $"model {summary.ModelVersion}" };
        if (summary.ReviewedKaryotype is not null)
        {
            parts.Add($"model call {summary.Karyotype}");
            parts.Add($"{summary.ReviewStatus?.Replace('_', ' ')} by {summary.ReviewedBy}, revision {summary.ReviewRevision}");
        }
        else if (summary.AlternativeKaryotype is not null)
        {
            parts.Add($"competing call {summary.AlternativeKaryotype}");
        }

        var low = new KaryotypeCallOptions().LowChromosomeConfidence;
        var chromosomes = cell.Chromosomes.Select(c => new KaryogramChromosome(
            c.Index,
            c.Label,
            cell.ImageKeys.GetValueOrDefault(c.Index),
            (c.Confidence < low ? ChromosomeMarks.LowConfidence : ChromosomeMarks.None)
                | (c.NeedsReview ? ChromosomeMarks.Segmentation : ChromosomeMarks.None)
                | (c.Corrected ? ChromosomeMarks.Corrected : ChromosomeMarks.None),
            c.Box)).ToList();
        return new KaryogramRequest(title, string.Join(" · ", parts), chromosomes);
    }

    private static string Key(string kind, CellDetail cell) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}/{cell.Cell.CaseId}/{cell.Cell.CellId}/{cell.Cell.ModelVersion}/{cell.Cell.ReviewRevision}");
}
