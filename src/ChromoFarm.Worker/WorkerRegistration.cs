using ChromoFarm.Native;
using ChromoFarm.Screening;
using ChromoFarm.Worker.Classification;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChromoFarm.Worker;

public static class WorkerRegistration
{
    /// <summary>The worker's services: the loaded models, segmentation with the input screen, and the cross-cell batch classifier.</summary>
    /// <param name="models">One model, or the models of several stains (`--model auto`); owned by the caller.</param>
    /// <param name="segmenterNetwork">The learned segmenter's network (owned by the caller); null: the classical segmenter.</param>
    /// <param name="screening">The input screen's bounds; null: the defaults.</param>
    /// <param name="brightfieldClassical">With a network: brightfield (G-band) spreads still go to the classical segmenter (<see cref="SegmenterKind.Auto"/>).</param>
    public static IServiceCollection AddChromoFarmWorker(this IServiceCollection services, IReadOnlyList<ChromosomeModel> models, Action<WorkerOptions>? configure = null,
        SegmentationNetwork? segmenterNetwork = null, ScreeningOptions? screening = null, bool brightfieldClassical = false)
    {
        ArgumentNullException.ThrowIfNull(models);
        services.AddOptions<WorkerOptions>().Configure(o => configure?.Invoke(o));
        var bounds = screening ?? new ScreeningOptions();
        services.AddSingleton(_ => new MetaphaseSegmenter(network: segmenterNetwork));
        var brightfield = brightfieldClassical && segmenterNetwork is not null ? new MetaphaseSegmenter() : null;
        services.AddSingleton(sp => new CellPreparation(sp.GetRequiredService<MetaphaseSegmenter>(), sp.GetRequiredService<IOptions<WorkerOptions>>().Value.MaxImagePixels,
            new SpreadScreen(bounds), brightfield));
        services.AddSingleton(sp =>
        {
            var batchSize = sp.GetRequiredService<IOptions<WorkerOptions>>().Value.ForwardBatchSize;
            return new ScreenedClassifier(models.Select(m => new BatchClassifier(m, batchSize)).ToArray(), bounds);
        });
        return services;
    }

    public static void AddWorkerConsumers(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<AnalyzeCellBatchConsumer, AnalyzeCellBatchConsumerDefinition>();
}
