using ChromoFarm.Contracts;
using ChromoFarm.Karyotyping;
using ChromoFarm.Results;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChromoFarm.Coordinator;

public static class CoordinatorRegistration
{
    /// <param name="priors">Copy-number priors of the per-cell assignment; default: the shipped ones.</param>
    public static IServiceCollection AddChromoFarmCoordinator(this IServiceCollection services, DbContextOptions<ResultsDbContext> database, CopyNumberPriors? priors = null)
    {
        services.AddSingleton(new KaryotypeCaller(priors ?? CopyNumberPriorsFile.Default));
        services.TryAddSingleton(new ResultsStore(database));
        return services;
    }

    /// <summary>The sweep that sends silent queued cells again (distributed farm only: it needs the broker's queue depth).</summary>
    public static IServiceCollection AddQueuedCellSweep(this IServiceCollection services, QueuedCellSweepOptions options, IWorkQueueDepth queue)
    {
        services.AddSingleton(options);
        services.AddSingleton(queue);
        services.AddSingleton<QueuedCellSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<QueuedCellSweep>());
        return services;
    }

    /// <param name="concurrency">Cells written at once; 1 for SQLite, which has a single writer.</param>
    public static void AddCoordinatorConsumers(this IBusRegistrationConfigurator bus, int concurrency)
    {
        bus.AddConsumer<CellClassifiedConsumer>(c => c.ConcurrentMessageLimit = concurrency).Endpoint(e => e.Name = FarmQueues.CellClassified);
        bus.AddConsumer<CellFailedConsumer>(c => c.ConcurrentMessageLimit = concurrency).Endpoint(e => e.Name = FarmQueues.CellFailed);
    }
}
