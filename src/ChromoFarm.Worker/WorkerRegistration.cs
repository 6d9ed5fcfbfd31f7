using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChromoFarm.Worker;

public static class WorkerRegistration
{
    /// <summary>The worker's services: the loaded model, segmentation and the cross-cell batch classifier.</summary>
    /// <param name="segmenterNetwork">The learned segmenter's network (owned by the caller); null: the classical segmenter.</param>
    public static IServiceCollection AddChromoFarmWorker(this IServiceCollection services, ChromosomeModel model, Action<WorkerOptions>? configure = null,
        SegmentationNetwork? segmenterNetwork = null)
    {
        services.AddOptions<WorkerOptions>().Configure(o => configure?.Invoke(o));
        services.AddSingleton(model);
        services.AddSingleton(_ => new MetaphaseSegmenter(network: segmenterNetwork));
        services.AddSingleton(sp => new CellPreparation(sp.GetRequiredService<MetaphaseSegmenter>(), sp.GetRequiredService<IOptions<WorkerOptions>>().Value.MaxImagePixels));
        services.AddSingleton(sp => new BatchClassifier(model, sp.GetRequiredService<IOptions<WorkerOptions>>().Value.ForwardBatchSize));
        return services;
    }

    public static void AddWorkerConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<AnalyzeCellBatchConsumer, AnalyzeCellBatchConsumerDefinition>();
}
