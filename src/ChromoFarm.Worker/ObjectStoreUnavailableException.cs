namespace ChromoFarm.Worker;

/// <summary>The object store did not answer (network, server error): the batch is retried, no cell is failed.</summary>
public sealed class ObjectStoreUnavailableException(string message, Exception inner) : IOException(message, inner);
