using ChromoFarm.Contracts;
using MassTransit;

namespace ChromoFarm.Cli.Embedded;

/// <summary>Feeds the run's completion tracker from the bus.</summary>
internal sealed class CellCompletedObserver(CompletionTracker tracker) : IConsumer<CellCompleted>
{
    public Task Consume(ConsumeContext<CellCompleted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        tracker.Record(context.Message);
        return Task.CompletedTask;
    }
}
