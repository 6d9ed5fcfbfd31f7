using ChromoFarm.Contracts;
using ChromoFarm.Karyotyping;
using ChromoFarm.Results;
using MassTransit;

namespace ChromoFarm.Coordinator;

/// <summary>Per-cell label redistribution, karyotype call and the idempotent write of the result.</summary>
public sealed class CellClassifiedConsumer(KaryotypeCaller caller, ResultsStore results) : IConsumer<CellClassified>
{
    public async Task Consume(ConsumeContext<CellClassified> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var call = caller.Call(message.Chromosomes.Select(c => c.Probabilities).ToArray(), message.Chromosomes.Any(c => c.NeedsReview));
        var karyotype = call.Karyotype;
        var duplicate = await results.SaveCompletedAsync(message, call, caller.Priors.Version, context.CancellationToken).ConfigureAwait(false);
        await context.Publish(
            new CellCompleted(message.BatchId, message.CaseId, message.CellId, CellOutcome.Completed, karyotype.Notation, karyotype.ChromosomeCount, null, null, duplicate),
            context.CancellationToken).ConfigureAwait(false);
    }
}
