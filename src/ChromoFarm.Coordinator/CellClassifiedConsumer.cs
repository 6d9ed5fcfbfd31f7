using ChromoFarm.Contracts;
using ChromoFarm.Karyotyping;
using ChromoFarm.Results;
using MassTransit;

namespace ChromoFarm.Coordinator;

/// <summary>Per-cell label redistribution, karyotype call and the idempotent write of the result.</summary>
public sealed class CellClassifiedConsumer(ChromosomeAssigner assigner, ResultsStore results) : IConsumer<CellClassified>
{
    public async Task Consume(ConsumeContext<CellClassified> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var assignment = assigner.Assign(message.Chromosomes.Select(c => c.Probabilities).ToArray());
        var karyotype = Karyotype.FromLabels(assignment.Labels);
        var duplicate = await results.SaveCompletedAsync(message, assignment, karyotype, context.CancellationToken).ConfigureAwait(false);
        await context.Publish(
            new CellCompleted(message.BatchId, message.CaseId, message.CellId, CellOutcome.Completed, karyotype.Notation, karyotype.ChromosomeCount, null, null, duplicate),
            context.CancellationToken).ConfigureAwait(false);
    }
}
