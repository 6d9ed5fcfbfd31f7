namespace ChromoFarm.Storage;

/// <param name="Key">SHA-256 of the content, lower-case hex.</param>
/// <param name="AlreadyStored">True when the same content was stored before (re-ingest is a no-op).</param>
public sealed record StoredObject(string Key, long Length, bool AlreadyStored);

/// <summary>Content-addressed object store: the key of an object is the SHA-256 of its bytes.</summary>
public interface IObjectStore
{
    Task<StoredObject> PutAsync(Stream content, CancellationToken cancellationToken = default);

    /// <exception cref="FileNotFoundException">No object has that key.</exception>
    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every key the store holds, in no particular order: a thousand keys per request to S3, not one each.</summary>
    IAsyncEnumerable<string> ListKeysAsync(CancellationToken cancellationToken = default);
}
