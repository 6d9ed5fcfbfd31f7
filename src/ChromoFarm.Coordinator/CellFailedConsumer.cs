using ChromoFarm.Contracts;
using ChromoFarm.Diagnostics;
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
        bool duplicate;
        using (var span = FarmTelemetry.Source.StartActivity("store failure"))
        {
            span?.SetTag("chromofarm.case", message.CaseId);
            span?.SetTag("chromofarm.cell", message.CellId);
            duplicate = await results.SaveFailedAsync(message, context.CancellationToken).ConfigureAwait(false);
            span?.SetTag("chromofarm.duplicate", duplicate);
        }

        if (!duplicate)
        {
            FarmTelemetry.Cells.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        }

        await context.Publish(
            new CellCompleted(message.BatchId, message.CaseId, message.CellId, CellOutcome.Failed, null, 0, message.Reason, message.FailureKind, duplicate),
            context.CancellationToken).ConfigureAwait(false);
    }
}
