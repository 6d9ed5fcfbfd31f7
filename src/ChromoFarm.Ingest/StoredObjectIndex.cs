using System.Collections.Concurrent;
using System.Globalization;
using ChromoFarm.Storage;

namespace ChromoFarm.Ingest;

/// <summary>
/// Which object keys the store is known to hold, remembered by the ingest process. Objects are content-addressed and
/// never rewritten, so a key once seen stays valid; this saves the store a lookup per image when a client asks which
/// images are missing and again when it submits the cell. Bounded: past the capacity it starts afresh.
/// </summary>
public sealed class StoredObjectIndex(IObjectStore store, int capacity = 500_000)
{
    // Lookups sent to the store at once for one request.
    private const int ConcurrentLookups = 16;

    // A SHA-256 as two 128-bit numbers rather than its 64-character text: about 60 bytes an entry instead of 190.
    private readonly ConcurrentDictionary<(UInt128, UInt128), byte> known = new();

    public IObjectStore Store => store;

    /// <summary>Keys remembered so far.</summary>
    public int Known => known.Count;

    /// <summary>
    /// Learns the keys the store already holds from its listing (a thousand keys per request on S3), up to the
    /// capacity, so that re-ingesting stored images asks the store nothing per image.
    /// </summary>
    /// <returns>The keys learned.</returns>
    public async Task<int> WarmAsync(CancellationToken cancellationToken = default)
    {
        var learned = 0;
        await foreach (var key in store.ListKeysAsync(cancellationToken).ConfigureAwait(false))
        {
            // Past the capacity Remember would start afresh and forget what it just learned: stop instead.
            if (known.Count >= capacity)
            {
                break;
            }

            Remember(key);
            learned++;
        }

        return learned;
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        if (known.ContainsKey(Packed(key)))
        {
            return true;
        }

        var exists = await store.ExistsAsync(key, cancellationToken).ConfigureAwait(false);
        if (exists)
        {
            Remember(key);
        }

        return exists;
    }

    /// <summary>The keys the store does not hold, in the order given.</summary>
    public async Task<IReadOnlyList<string>> MissingAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var exists = new bool[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentLookups, CancellationToken = cancellationToken },
            async (i, token) => exists[i] = await ExistsAsync(keys[i], token).ConfigureAwait(false)).ConfigureAwait(false);
        return keys.Where((_, i) => !exists[i]).ToList();
    }

    public async Task<StoredObject> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        var stored = await store.PutAsync(content, cancellationToken).ConfigureAwait(false);
        Remember(stored.Key);
        return stored;
    }

    private void Remember(string key)
    {
        if (known.Count >= capacity)
        {
            known.Clear();
        }

        known.TryAdd(Packed(key), 0);
    }

    // Keys reach the index only after ContentKey.IsKey (64 lower-case hex digits) or from the store itself.
    private static (UInt128, UInt128) Packed(string key) => (
        UInt128.Parse(key.AsSpan(0, 32), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
        UInt128.Parse(key.AsSpan(32, 32), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
}
