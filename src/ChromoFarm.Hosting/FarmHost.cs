using ChromoFarm.Api;
using ChromoFarm.Coordinator;
using ChromoFarm.Hosting.Endpoints;
using ChromoFarm.Hosting.Health;
using ChromoFarm.Hosting.Options;
using ChromoFarm.Hosting.Telemetry;
using ChromoFarm.Ingest;
using ChromoFarm.Native;
using ChromoFarm.Results;
using ChromoFarm.Storage;
using ChromoFarm.Worker;
using ChromoFarm.Worker.Classification;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace ChromoFarm.Hosting;

/// <summary>One role of the distributed farm as a process: its services, the bus, HTTP health and telemetry.</summary>
/// <remarks>
/// SIGTERM stops the bus first: consumers stop taking messages, the batch in flight finishes (up to
/// Host:ShutdownTimeout) and what is left unacknowledged returns to the queue when the connection closes.
/// </remarks>
public static partial class FarmHost
{
    private const string Ready = "ready";

    /// <param name="defaultModel">The model a worker loads when Worker:Model is not set (one file, or an ensemble "a.cfm,b.cfm"); "auto" looks in the folder of its first file.</param>
    /// <param name="defaultSegmenterModel">The network the learned segmenter (the default) loads when Worker:SegmenterModel is not set.</param>
    public static Task RunAsync(FarmConfiguration settings, string defaultModel, string defaultSegmenterModel, CancellationToken cancellationToken) =>
        RunAsync(settings, defaultModel, defaultSegmenterModel, moreTracing: null, cancellationToken);

    /// <param name="moreTracing">Further span exporters (tests: an in-memory one).</param>
    internal static async Task RunAsync(FarmConfiguration settings, string defaultModel, string defaultSegmenterModel, Action<TracerProviderBuilder>? moreTracing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Worker:Model = auto loads every shipped model that records its stain, beside the default model.
        using var models = settings.Worker is { } worker ? ModelSet.Load(worker.Model ?? defaultModel, ModelPaths.FolderOf(defaultModel), worker.Device, worker.Precision) : null;
        using var network = settings.Worker is { Segmenter: SegmenterKind.Learned or SegmenterKind.Auto } learned
            ? SegmentationNetwork.Load(learned.SegmenterModel ?? defaultSegmenterModel, learned.Device)
            : null;
        await using var app = Build(settings, models, network, moreTracing);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("chromofarm");

        await WhenReachableAsync("RabbitMQ", () => FarmTopology.DeclareAsync(settings.RabbitMq, cancellationToken), log, cancellationToken).ConfigureAwait(false);
        if (settings.MigratesDatabase)
        {
            var database = app.Services.GetRequiredService<DbContextOptions<ResultsDbContext>>();
            await WhenReachableAsync("results database", () => ResultsDatabase.MigrateAsync(database, cancellationToken), log, cancellationToken).ConfigureAwait(false);
        }

        Started(log, settings.Role, settings.Http.Port, models is null ? "-" : string.Join(", ", models.Models.Select(m => m.Version)));
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private static WebApplication Build(FarmConfiguration settings, ModelSet? models, SegmentationNetwork? network, Action<TracerProviderBuilder>? moreTracing)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, ApplicationName = "chromofarm" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(settings.Root);
        // Per-request logs would drown the farm's own; Logging:LogLevel:* in the settings can turn them back on.
        builder.Logging.ClearProviders()
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning)
            .AddConfiguration(settings.Root.GetSection("Logging"))
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenAnyIP(settings.Http.Port);
            kestrel.Limits.MaxRequestBodySize = settings.Http.MaxUploadBytes;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
        builder.Services.AddFarmTelemetry(settings.Telemetry, settings.Telemetry.ServiceName ?? $"chromofarm-{settings.Role.ToString().ToLowerInvariant()}", moreTracing);
        // The upload protocol's JSON (enums in snake_case) is the HTTP default, so endpoints return plain results.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            foreach (var converter in IngestHttp.Json.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        var health = builder.Services.AddHealthChecks();
        DbContextOptions<ResultsDbContext>? database = null;
        IObjectStore? store = null;

        if (settings.ObjectStore is { } objectStore)
        {
            store = new S3ObjectStore(objectStore);
            builder.Services.AddSingleton(store);
            health.AddCheck<ObjectStoreReadiness>("object-store", tags: [Ready]);
        }

        if (settings.Results is { } results)
        {
            database = ResultsDatabase.Postgres(results.ConnectionString);
            builder.Services.AddSingleton(database);
            builder.Services.AddSingleton(new ResultsStore(database));
            health.AddCheck<ResultsDatabaseReadiness>("results-database", tags: [Ready]);
        }

        switch (settings.Role)
        {
            case FarmRole.Worker:
                // The same section FarmConfiguration validated, bound once more by the options system.
                builder.Services.AddChromoFarmWorker(models!.Models, segmenterNetwork: network, screening: settings.Screening,
                    brightfieldClassical: settings.Worker!.Segmenter == SegmenterKind.Auto);
                builder.Services.Configure<WorkerOptions>(settings.Root.GetSection(WorkerOptions.Section));
                break;
            case FarmRole.Coordinator:
                builder.Services.AddChromoFarmCoordinator(database!);
                builder.Services.AddQueuedCellSweep(settings.Sweep!, new RabbitWorkQueueDepth(settings.RabbitMq));
                break;
            case FarmRole.Ingest:
            case FarmRole.Api:
                builder.Services.AddSingleton(sp => new StoredObjectIndex(sp.GetRequiredService<IObjectStore>()));
                builder.Services.AddHostedService<StoredObjectIndexWarmup>();
                builder.Services.AddScoped<CellSubmissionService>();
                builder.Services.AddRequestLimits(settings.Http);
                if (settings.Privacy?.Pseudonyms() is { } pseudonyms)
                {
                    builder.Services.AddSingleton(pseudonyms);
                }

                builder.Services.AddChromoFarmAuth(database!, settings.Auth);
                if (settings.Role == FarmRole.Api)
                {
                    builder.Services.AddChromoFarmApi(database!, store!);
                }

                break;
        }

        builder.Services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            // The host starts (and answers /healthz) while the broker is still unreachable; /readyz says so.
            o.WaitUntilStarted = false;
            o.StopTimeout = settings.ShutdownTimeout;
        });
        builder.Services.AddMassTransit(bus =>
        {
            if (settings.Role == FarmRole.Worker)
            {
                bus.AddWorkerConsumers();
            }
            else if (settings.Role == FarmRole.Coordinator)
            {
                // PostgreSQL takes concurrent writers; each write is its own short transaction.
                bus.AddCoordinatorConsumers(concurrency: settings.RabbitMq.Prefetch);
            }

            bus.UseFarmRabbitMq(settings.RabbitMq);
        });

        var app = builder.Build();
        if (settings.Role is FarmRole.Ingest or FarmRole.Api)
        {
            app.UseChromoFarmHeaders();
            app.UseAuthentication();
            app.UseRequestLimits(settings.Http);
            app.UseAuthorization();
        }

        // Health stays anonymous: the kubelet and compose probe it without a credential.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        if (settings.Role is FarmRole.Ingest or FarmRole.Api)
        {
            app.MapUploads();
        }

        if (settings.Role == FarmRole.Api)
        {
            app.MapChromoFarmApi();
        }

        return app;
    }

    // The broker or database may still be starting (compose, Kubernetes): wait for it rather than crash-loop.
    private static async Task WhenReachableAsync(string what, Func<Task> action, ILogger log, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action().ConfigureAwait(false);
                return;
            }
            catch (Exception error) when (error is not (OperationCanceledException or FarmConfigurationException) && attempt < 30)
            {
                NotReachable(log, what, error.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Role} started; HTTP on port {Port}; model {Model}")]
    private static partial void Started(ILogger log, FarmRole role, int port, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} not reachable ({Reason}); retrying in 2 s")]
    private static partial void NotReachable(ILogger log, string what, string reason);
}
