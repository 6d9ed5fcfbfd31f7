using ChromoFarm.Contracts;
using ChromoFarm.Diagnostics;
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
        CellKaryotypeCall call;
        using (var span = FarmTelemetry.Source.StartActivity("assign"))
        {
            call = caller.Call(message.Chromosomes.Select(c => c.Probabilities).ToArray(), message.Chromosomes.Any(c => c.NeedsReview), message.OtherMetaphases > 0);
            span?.SetTag("chromofarm.karyotype", call.Karyotype.Notation);
            span?.SetTag("chromofarm.call_confidence", call.Confidence);
        }

        bool duplicate;
        using (var span = FarmTelemetry.Source.StartActivity("store result"))
        {
            span?.SetTag("chromofarm.case", message.CaseId);
            span?.SetTag("chromofarm.cell", message.CellId);
            duplicate = await results.SaveCompletedAsync(message, call, caller.Priors.Version, context.CancellationToken).ConfigureAwait(false);
            span?.SetTag("chromofarm.duplicate", duplicate);
        }

        if (!duplicate)
        {
            FarmTelemetry.Cells.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
        }

        var karyotype = call.Karyotype;
        await context.Publish(
            new CellCompleted(message.BatchId, message.CaseId, message.CellId, CellOutcome.Completed, karyotype.Notation, karyotype.ChromosomeCount, null, null, duplicate),
            context.CancellationToken).ConfigureAwait(false);
    }
}
