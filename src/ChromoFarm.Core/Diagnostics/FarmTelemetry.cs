using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChromoFarm.Diagnostics;

/// <summary>
/// The farm's own spans and instruments. Every role records into these; whether anything is exported is decided by
/// the host (OTLP, a span file, or nothing), so recording costs almost nothing when no listener is attached.
/// </summary>
public static class FarmTelemetry
{
    public const string Name = "ChromoFarm";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Cells that reached a final state, tagged <c>outcome</c> = completed | failed (rate = cells/s).</summary>
    public static readonly Counter<long> Cells = Meter.CreateCounter<long>("chromofarm.cells", "{cell}", "Cells stored with a final outcome");

    /// <summary>Chromosomes classified by workers (rate = chromosomes/s).</summary>
    public static readonly Counter<long> Chromosomes = Meter.CreateCounter<long>("chromofarm.chromosomes", "{chromosome}", "Chromosomes classified");

    /// <summary>Cells a worker failed, tagged <c>kind</c> = invalid_input | processing_error.</summary>
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("chromofarm.failures", "{cell}", "Cells that could not be analysed");

    public static readonly Histogram<int> BatchCells = Meter.CreateHistogram<int>("chromofarm.worker.batch.cells", "{cell}", "Cells per worker batch");

    public static readonly Histogram<int> BatchChromosomes = Meter.CreateHistogram<int>("chromofarm.worker.batch.chromosomes", "{chromosome}", "Chromosomes per worker batch");

    /// <summary>From submission at ingest to the start of the worker's batch.</summary>
    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>("chromofarm.worker.queue_wait", "s", "Time a cell waited between ingest and its worker batch");

    public static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("chromofarm.worker.batch.duration", "s", "Time a worker spent on one batch");
}
