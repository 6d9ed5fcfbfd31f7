using MassTransit;
using Microsoft.Extensions.Options;

namespace ChromoFarm.Worker;

/// <summary>Batch size, time limit and concurrency of the worker's consumer.</summary>
public sealed class AnalyzeCellBatchConsumerDefinition : ConsumerDefinition<AnalyzeCellBatchConsumer>
{
    private readonly WorkerOptions options;

    public AnalyzeCellBatchConsumerDefinition(IOptions<WorkerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        EndpointName = Contracts.FarmQueues.AnalyzeCell;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<AnalyzeCellBatchConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);

        // The batches in flight and one more filling. No more, so that a scaled-out worker finds work and a killed
        // worker returns little.
        endpointConfigurator.PrefetchCount = options.CellsPerBatch * (options.BatchesInFlight + 1);
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(options.CellsPerBatch)
            .SetTimeLimit(options.BatchTimeLimit)
            .SetConcurrencyLimit(options.BatchesInFlight));
    }
}
