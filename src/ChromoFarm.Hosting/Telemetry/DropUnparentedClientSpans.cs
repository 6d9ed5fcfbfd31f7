using System.Diagnostics;
using OpenTelemetry.Trace;

namespace ChromoFarm.Hosting.Telemetry;

/// <summary>
/// Root sampler: a client span with no parent is a readiness probe's database call, not work on a cell; those
/// would flood the trace store every few seconds. Everything else starts a trace.
/// </summary>
internal sealed class DropUnparentedClientSpans : Sampler
{
    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(samplingParameters.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
}
