using ChromoFarm.Contracts;
using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results.Tests;

/// <summary>Classified cells as a worker would send them, with the call the coordinator would make.</summary>
public static class TestResults
{
    public const string Priors = "test-priors";

    private static readonly KaryotypeCaller Caller = new(CopyNumberPriorsFile.Default);

    /// <summary>46 chromosomes, two of each autosome and X, Y (indices in that order), each 90% sure; plus <paramref name="extra"/>.</summary>
    public static (CellClassified Message, CellKaryotypeCall Call) Classified(string cell, string model, ChromosomeClass? extra = null, string caseId = "case")
    {
        var chromosomes = new List<ClassifiedChromosome>();
        var index = 0;
        var classes = ChromosomeClass.All.Where(c => c.IsAutosome).SelectMany(c => new[] { c, c }).Append(ChromosomeClass.X).Append(ChromosomeClass.Y);
        foreach (var c in extra is { } gained ? classes.Append(gained) : classes)
        {
            var p = new float[ChromosomeClass.Count];
            Array.Fill(p, 0.1f / 23);
            p[c.Index] = 0.9f;
            chromosomes.Add(new ClassifiedChromosome(index, $"{cell}/{index}.tif", null, 50, 400, p, false));
            index++;
        }

        var message = new CellClassified(Guid.NewGuid(), caseId, cell, CellSourceKind.CropSet, model, chromosomes, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(5));
        return (message, Caller.Call(chromosomes.Select(c => c.Probabilities).ToList()));
    }

    /// <summary>Stores <see cref="Classified"/>'s cell and returns its key.</summary>
    public static async Task SaveAsync(DbContextOptions<ResultsDbContext> options, string cell, string model = "model-a", ChromosomeClass? extra = null, string caseId = "case")
    {
        var (message, call) = Classified(cell, model, extra, caseId);
        await new ResultsStore(options).SaveCompletedAsync(message, call, Priors);
    }
}
