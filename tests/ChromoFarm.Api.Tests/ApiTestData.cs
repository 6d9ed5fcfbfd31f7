using ChromoFarm.Contracts;
using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using ChromoFarm.Results;
using ChromoFarm.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Api.Tests;

/// <summary>Cells as the farm stores them (crops in the object store, the coordinator's call), for the API and the page.</summary>
public static class ApiTestData
{
    public const string Model = "test-model";

    private static readonly KaryotypeCaller Caller = new(CopyNumberPriorsFile.Default);

    /// <summary>A 46,XX or 46,XY cell plus <paramref name="extra"/>; chromosomes listed in <paramref name="unsure"/> are only 45% sure.</summary>
    public static async Task SaveCellAsync(
        DbContextOptions<ResultsDbContext> database, IObjectStore store, string caseId, string cellId,
        bool male = false, ChromosomeClass? extra = null, IReadOnlyCollection<int>? unsure = null, int seed = 0)
    {
        var classes = ChromosomeClass.All.Where(c => c.IsAutosome).SelectMany(c => new[] { c, c })
            .Append(ChromosomeClass.X).Append(male ? ChromosomeClass.Y : ChromosomeClass.X).ToList();
        if (extra is { } gained)
        {
            classes.Add(gained);
        }

        var chromosomes = new List<ClassifiedChromosome>();
        for (var i = 0; i < classes.Count; i++)
        {
            var stored = await store.PutAsync(new MemoryStream(SyntheticChromosomes.Png(classes[i], seed * 100 + i)));
            var sure = unsure?.Contains(i) == true ? 0.45f : 0.93f;
            var p = new float[ChromosomeClass.Count];
            Array.Fill(p, (1 - sure) / (ChromosomeClass.Count - 1));
            p[classes[i].Index] = sure;
            chromosomes.Add(new ClassifiedChromosome(i, $"{cellId}/{i:D2}.png", null, 40 + classes[i].Index, 300, p, false, ImageKey: stored.Key));
        }

        var message = new CellClassified(Guid.NewGuid(), caseId, cellId, CellSourceKind.CropSet, Model, chromosomes, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(5));
        await new ResultsStore(database).SaveCompletedAsync(message, Caller.Call(chromosomes.Select(c => c.Probabilities).ToList()), "test-priors");
    }

    /// <summary>
    /// A case of <paramref name="cells"/> cells: every third has a trisomy 21, every fourth two unsure chromosomes,
    /// the rest are 46,XY and sure.
    /// </summary>
    public static async Task SaveCaseAsync(DbContextOptions<ResultsDbContext> database, IObjectStore store, string caseId, int cells)
    {
        for (var i = 0; i < cells; i++)
        {
            await SaveCellAsync(database, store, caseId, $"{caseId}.{i + 1}", male: true,
                extra: i % 3 == 2 ? ChromosomeClass.Autosome(21) : null,
                unsure: i % 4 == 3 ? [4, 9] : null,
                seed: i);
        }
    }
}
