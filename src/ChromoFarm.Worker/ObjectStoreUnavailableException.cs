namespace ChromoFarm.Worker;

/// <summary>The object store did not answer (network, server error): the batch is retried (then moved to the
/// endpoint's _error queue), no cell is failed.</summary>
public sealed class ObjectStoreUnavailableException(string message, Exception inner) : IOException(message, inner);
