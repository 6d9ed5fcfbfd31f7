using ChromoFarm.Contracts;
using ChromoFarm.Storage;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChromoFarm.Ingest.Tests;

/// <summary>Ingest over MassTransit's in-memory transport (the embedded mode's bus) and a real local store.</summary>
public sealed class CellIngestorTests : IAsyncLifetime
{
    private readonly string root = Directory.CreateTempSubdirectory("cf-ingest-").FullName;
    private ServiceProvider services = null!;
    private ITestHarness harness = null!;

    public async Task InitializeAsync()
    {
        services = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(validateScopes: true);
        harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
    }

    public async Task DisposeAsync()
    {
        await harness.Stop();
        await services.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Ingesting_the_same_images_twice_stores_each_once()
    {
        var input = Directory.CreateDirectory(Path.Combine(root, "case")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(input, "a.png"), [1, 2, 3]);
        await File.WriteAllBytesAsync(Path.Combine(input, "b.png"), [4, 5, 6]);
        var ingestor = new CellIngestor(new LocalFolderObjectStore(Path.Combine(root, "objects")), harness.Bus);

        var first = await ingestor.IngestAsync(InputScanner.Scan(input), Guid.NewGuid());
        var second = await ingestor.IngestAsync(InputScanner.Scan(input), Guid.NewGuid());

        Assert.Equal(new IngestSummary(2, 2, 0, 0), first);
        Assert.Equal(new IngestSummary(2, 0, 2, 0), second);
        Assert.Equal(4, harness.Published.Select<AnalyzeCell>().Count());
    }

    [Fact]
    public async Task An_unreadable_file_fails_its_cell_at_ingest_and_the_rest_go_on()
    {
        var store = new LocalFolderObjectStore(Path.Combine(root, "objects"));
        var good = Path.Combine(root, "good.png");
        await File.WriteAllBytesAsync(good, [7, 8, 9]);
        var cells = new[]
        {
            new CellSubmission("case", "gone", CellSourceKind.Metaphase, [new InputFile(Path.Combine(root, "gone.png"), "gone.png")]),
            new CellSubmission("case", "good", CellSourceKind.Metaphase, [new InputFile(good, "good.png")]),
        };

        var summary = await new CellIngestor(store, harness.Bus).IngestAsync(cells, Guid.NewGuid());

        Assert.Equal(new IngestSummary(2, 1, 0, 1), summary);
        var failed = Assert.Single(harness.Published.Select<CellFailed>()).Context.Message;
        Assert.StartsWith("gone.png: cannot read", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(CellFailureKind.InvalidInput, failed.FailureKind);
        Assert.Equal("good", Assert.Single(harness.Published.Select<AnalyzeCell>()).Context.Message.CellId);
    }
}
