namespace ChromoFarm.Contracts;

/// <summary>
/// The farm's queues and which message each receives. Every role declares all of them at start (see the hosting's
/// topology), so a message published before its consumer first ran waits in its queue instead of being dropped.
/// </summary>
public static class FarmQueues
{
    /// <summary>Workers: <see cref="Contracts.AnalyzeCell"/>.</summary>
    public const string AnalyzeCell = "analyze-cell";

    /// <summary>Coordinator: <see cref="Contracts.CellClassified"/>.</summary>
    public const string CellClassified = "cell-classified";

    /// <summary>Coordinator: <see cref="Contracts.CellFailed"/>.</summary>
    public const string CellFailed = "cell-failed";

    public static readonly IReadOnlyList<(string Queue, Type Message)> All =
    [
        (AnalyzeCell, typeof(AnalyzeCell)),
        (CellClassified, typeof(CellClassified)),
        (CellFailed, typeof(CellFailed)),
    ];
}
