using System.Collections.Concurrent;
using ChromoFarm.Contracts;

namespace ChromoFarm.Cli.Embedded;

/// <summary>Counts CellCompleted events of one run so the CLI knows when every submitted cell is done.</summary>
internal sealed class CompletionTracker
{
    private readonly ConcurrentDictionary<(string Case, string Cell), CellCompleted> completed = new();
    private readonly TaskCompletionSource allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int expected = -1;

    public event Action<int>? Progressed;

    public int Completed => completed.Count;

    public IReadOnlyCollection<CellCompleted> Outcomes => completed.Values.ToArray();

    public void Record(CellCompleted message)
    {
        // A cell counts once even if its completion were redelivered.
        if (completed.TryAdd((message.CaseId, message.CellId), message))
        {
            Progressed?.Invoke(completed.Count);
            CheckDone();
        }
    }

    /// <summary>Called when ingest has submitted everything and the total is known.</summary>
    public Task WaitForAsync(int cells, CancellationToken cancellationToken)
    {
        Volatile.Write(ref expected, cells);
        CheckDone();
        return allDone.Task.WaitAsync(cancellationToken);
    }

    private void CheckDone()
    {
        var target = Volatile.Read(ref expected);
        if (target >= 0 && completed.Count >= target)
        {
            allDone.TrySetResult();
        }
    }
}
