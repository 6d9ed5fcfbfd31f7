using ChromoFarm.Coordinator;
using ChromoFarm.Karyotyping;
using ChromoFarm.Native;
using ChromoFarm.Results;
using ChromoFarm.Storage;
using ChromoFarm.Worker;
using ChromoFarm.Worker.Classification;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChromoFarm.Cli.Embedded;

/// <summary>
/// All roles in one process: MassTransit's in-memory transport, a local-folder object store and SQLite, wired through
/// the same message contracts and consumers as the distributed farm.
/// </summary>
internal sealed class EmbeddedFarm : IAsyncDisposable
{
    private readonly IHost host;

    private EmbeddedFarm(IHost host, string outputFolder)
    {
        this.host = host;
        OutputFolder = outputFolder;
    }

    public string OutputFolder { get; }

    public string DatabasePath => Path.Combine(OutputFolder, "results.db");

    public IBus Bus => host.Services.GetRequiredService<IBus>();

    public IObjectStore Store => host.Services.GetRequiredService<IObjectStore>();

    public CompletionTracker Tracker => host.Services.GetRequiredService<CompletionTracker>();

    /// <param name="models">The models cells are classified with (one, or one per stain for `--model auto`); owned by the caller.</param>
    /// <param name="segmenterNetwork">The learned segmenter's network (owned by the caller); null: the classical segmenter.</param>
    /// <param name="brightfieldClassical">With a network: brightfield G-band spreads still go to the classical segmenter (`--segmenter auto`).</param>
    public static async Task<EmbeddedFarm> StartAsync(string outputFolder, IReadOnlyList<ChromosomeModel> models, SegmentationNetwork? segmenterNetwork,
        bool brightfieldClassical, CopyNumberPriors priors, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputFolder);
        var database = ResultsDatabase.Sqlite(Path.Combine(outputFolder, "results.db"));
        await ResultsDatabase.MigrateAsync(database, cancellationToken).ConfigureAwait(false);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IObjectStore>(new LocalFolderObjectStore(Path.Combine(outputFolder, "objects")));
        builder.Services.AddSingleton<CompletionTracker>();
        builder.Services.AddChromoFarmWorker(models, segmenterNetwork: segmenterNetwork, brightfieldClassical: brightfieldClassical);
        builder.Services.AddChromoFarmCoordinator(database, priors);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddWorkerConsumers();
            bus.AddCoordinatorConsumers(concurrency: 1);
            bus.AddConsumer<CellCompletedObserver>();
            bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
        });

        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new EmbeddedFarm(host, outputFolder);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync().ConfigureAwait(false);
        host.Dispose();
    }
}
