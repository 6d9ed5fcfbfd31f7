using System.Runtime.CompilerServices;
using ChromoFarm.Results.Entities;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results;

/// <summary>One chromosome of a signed-off cell: the reviewer's label beside the model's, and its picture.</summary>
/// <param name="ImageKey">The chromosome's own image: the stored crop, or the cut-out of a spread's chromosome; null when none was stored.</param>
public sealed record AcceptedChromosome(int Index, string Label, string ModelLabel, string? ImageKey);

/// <summary>A cell whose current review is accepted.</summary>
public sealed record AcceptedCell(
    string CaseKey, string CellKey, string ModelVersion, string Reviewer, DateTimeOffset ReviewedAt, int Revision, IReadOnlyList<AcceptedChromosome> Chromosomes);

/// <summary>
/// The cells people signed off (their result's latest review revision is accepted), for a lab's own training set.
/// Chromosomes the reviewer marked artefacts or added (no image) are left out.
/// </summary>
public sealed class AcceptedReviews(DbContextOptions<ResultsDbContext> options)
{
    private const string Metaphase = "metaphase";

    public async IAsyncEnumerable<AcceptedCell> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        var accepted = await db.Reviews.AsNoTracking()
            .Where(r => r.Status == ReviewStatus.Accepted
                && r.Revision == db.Reviews.Where(o => o.CellResultId == r.CellResultId).Max(o => o.Revision))
            .Select(r => new
            {
                r.Id,
                r.CellResultId,
                r.Reviewer,
                r.CreatedAt,
                r.Revision,
                Case = r.CellResult!.Cell!.Case!.CaseKey,
                Cell = r.CellResult.Cell.CellKey,
                r.CellResult.ModelVersion,
                r.CellResult.Cell.SourceKind,
            })
            .OrderBy(r => r.Case).ThenBy(r => r.Cell).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // A cell accepted under two model versions is one training example: the latest sign-off counts.
        foreach (var review in accepted.GroupBy(r => (r.Case, r.Cell)).Select(g => g.MaxBy(r => r.CreatedAt)!))
        {
            var chromosomes = await db.Chromosomes.AsNoTracking().Where(c => c.CellResultId == review.CellResultId)
                .ToDictionaryAsync(c => c.Index, cancellationToken).ConfigureAwait(false);
            var labels = await db.ReviewLabels.AsNoTracking().Where(l => l.ReviewId == review.Id && !l.Added && l.Label != ReviewLabelRecord.Artefact)
                .OrderBy(l => l.Index).ToListAsync(cancellationToken).ConfigureAwait(false);
            var kept = labels.Where(l => chromosomes.ContainsKey(l.Index)).Select(l =>
            {
                var model = chromosomes[l.Index];
                // A spread chromosome's ImageKey is the whole spread: only its cut-out is the chromosome.
                var image = model.CutoutKey ?? (review.SourceKind == Metaphase ? null : model.ImageKey);
                return new AcceptedChromosome(l.Index, l.Label, model.Label, image);
            }).ToList();
            yield return new AcceptedCell(review.Case, review.Cell, review.ModelVersion, review.Reviewer, review.CreatedAt, review.Revision, kept);
        }
    }
}
