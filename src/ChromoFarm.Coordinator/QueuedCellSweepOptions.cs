namespace ChromoFarm.Coordinator;

/// <summary>When the coordinator sends a silent cell again, and when it gives up (section "Coordinator").</summary>
public sealed class QueuedCellSweepOptions
{
    public const string Section = "Coordinator";

    /// <summary>
    /// A cell queued this long with no answer is sent again, but only while the work queue holds nothing ready: a
    /// long backlog is not a lost message. Set it above the longest a cell may wait behind a full batch.
    /// </summary>
    public TimeSpan QueuedTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often the sweep looks.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Re-sends before a cell fails with the reason; 0 fails it at the first timeout.</summary>
    public int Resends { get; set; } = 2;

    /// <summary>Cells handled per sweep, so that one sweep after a long outage stays a bounded amount of work.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>A one-line description of the first invalid setting, or null.</summary>
    public string? Problem() =>
        QueuedTimeout < TimeSpan.FromSeconds(1) ? $"{nameof(QueuedTimeout)}: {QueuedTimeout} is below 00:00:01"
        : SweepInterval < TimeSpan.FromMilliseconds(100) ? $"{nameof(SweepInterval)}: {SweepInterval} is below 00:00:00.1"
        : Resends < 0 ? $"{nameof(Resends)}: {Resends} is below 0"
        : BatchSize < 1 ? $"{nameof(BatchSize)}: {BatchSize} is below 1"
        : null;
}
