using ChromoFarm.Contracts;
using ChromoFarm.Results;
using MassTransit;

namespace ChromoFarm.Coordinator;

/// <summary>Records a cell that could not be analysed, with the reason, so that nothing is silently lost.</summary>
public sealed class CellFailedConsumer(ResultsStore results) : IConsumer<CellFailed>
{
    public async Task Consume(ConsumeContext<CellFailed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var duplicate = await results.SaveFailedAsync(message, context.CancellationToken).ConfigureAwait(false);
        await context.Publish(
            new CellCompleted(message.BatchId, message.CaseId, message.CellId, CellOutcome.Failed, null, 0, message.Reason, message.FailureKind, duplicate),
            context.CancellationToken).ConfigureAwait(false);
    }
}
