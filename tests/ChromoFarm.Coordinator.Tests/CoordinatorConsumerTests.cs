using ChromoFarm.Contracts;
using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using ChromoFarm.Results;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChromoFarm.Coordinator.Tests;

/// <summary>The coordinator's consumers on MassTransit's in-memory bus over a real SQLite results database.</summary>
public sealed class CoordinatorConsumerTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-coordinator-").FullName;
    private DbContextOptions<ResultsDbContext> database = null!;
    private ServiceProvider services = null!;
    private ITestHarness harness = null!;

    public async Task InitializeAsync()
    {
        database = ResultsDatabase.Sqlite(Path.Combine(folder, "results.db"));
        await ResultsDatabase.MigrateAsync(database);
        services = new ServiceCollection()
            .AddChromoFarmCoordinator(database)
            .AddMassTransitTestHarness(bus => bus.AddCoordinatorConsumers(concurrency: 1))
            .BuildServiceProvider(validateScopes: true);
        harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
    }

    public async Task DisposeAsync()
    {
        await harness.Stop();
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_redelivered_classification_stores_one_result_and_says_it_was_a_duplicate()
    {
        var message = NormalMaleCell();

        await harness.Bus.Publish(message);
        await harness.Bus.Publish(message);

        var completions = await Completions(2);
        Assert.All(completions, c => Assert.Equal("46,XY", c.Karyotype));
        Assert.Equal([false, true], completions.Select(c => c.Duplicate).Order());
        await using var db = new ResultsDbContext(database);
        Assert.Equal(1, await db.CellResults.CountAsync());
        Assert.Equal(46, await db.Chromosomes.CountAsync());
    }

    [Theory]
    [InlineData("XX", "21", "47,XX,+21")]
    [InlineData("XY", "18", "47,XY,+18")]
    [InlineData("X", null, "45,X")]
    [InlineData("XXY", null, "47,XXY")]
    public async Task Aneuploid_cells_keep_their_aneuploidy_and_are_stored_for_review(string sex, string? gained, string expected)
    {
        var labels = Autosomes().Concat(sex.Select(c => ChromosomeClass.Parse(c.ToString())));
        await harness.Bus.Publish(Cell(gained is null ? labels : labels.Append(ChromosomeClass.Parse(gained))));

        var completion = Assert.Single(await Completions(1));
        Assert.Equal(expected, completion.Karyotype);
        await using var db = new ResultsDbContext(database);
        var result = await db.CellResults.SingleAsync();
        Assert.Equal(expected, result.Karyotype);
        Assert.Equal(sex, result.SexChromosomes);
        Assert.True(result.NeedsReview);
        Assert.Contains("abnormal_karyotype", result.ReviewReasons, StringComparison.Ordinal);
        Assert.Equal(CopyNumberPriorsFile.Default.Version, result.PriorsVersion);
    }

    [Fact]
    public async Task An_object_segmentation_flagged_puts_the_cell_up_for_review()
    {
        await harness.Bus.Publish(Cell(Autosomes().Append(ChromosomeClass.X).Append(ChromosomeClass.Y), flagged: 3));

        await Completions(1);
        await using var db = new ResultsDbContext(database);
        Assert.Equal("segmentation_review", (await db.CellResults.SingleAsync()).ReviewReasons);
    }

    [Fact]
    public async Task A_failed_cell_is_recorded_and_completed_as_failed()
    {
        await harness.Bus.Publish(new CellFailed(Guid.NewGuid(), "case", "bad", CellSourceKind.Metaphase, CellFailureKind.InvalidInput, "bad.png: truncated", DateTimeOffset.UtcNow));

        var completion = Assert.Single(await Completions(1));
        Assert.Equal(CellOutcome.Failed, completion.Outcome);
        Assert.Equal(CellFailureKind.InvalidInput, completion.FailureKind);
        await using var db = new ResultsDbContext(database);
        Assert.Equal("bad.png: truncated", (await db.Cells.SingleAsync()).Error);
    }

    private async Task<CellCompleted[]> Completions(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (harness.Published.Select<CellCompleted>().Count() < count)
        {
            await Task.Delay(20, timeout.Token);
        }

        return harness.Published.Select<CellCompleted>().Select(m => m.Context.Message).ToArray();
    }

    private static CellClassified NormalMaleCell() => Cell(Autosomes().Append(ChromosomeClass.X).Append(ChromosomeClass.Y));

    private static IEnumerable<ChromosomeClass> Autosomes() => ChromosomeClass.All.Where(c => c.IsAutosome).SelectMany(c => new[] { c, c });

    // Every chromosome classified confidently as its label; <paramref name="flagged"/> marks one object as a possible cluster.
    private static CellClassified Cell(IEnumerable<ChromosomeClass> labels, int flagged = -1)
    {
        var chromosomes = labels.Select((label, i) =>
        {
            var p = new float[ChromosomeClass.Count];
            Array.Fill(p, 0.01f / 23);
            p[label.Index] = 0.99f;
            return new ClassifiedChromosome(i, $"c{i}.tif", null, 40, 300, p, i == flagged);
        }).ToArray();
        return new CellClassified(Guid.NewGuid(), "case", "cell-1", CellSourceKind.CropSet, "model-a", chromosomes, DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(3));
    }
}
