namespace ChromoFarm.Coordinator;

/// <summary>Messages waiting in the workers' queue, ready for delivery (not those a worker holds).</summary>
public interface IWorkQueueDepth
{
    Task<long> ReadyAsync(CancellationToken cancellationToken);
}
