using ChromoFarm.Storage;

namespace ChromoFarm.Ingest.Tests;

/// <summary>The ingest role's memory of stored keys, over a real folder store.</summary>
public sealed class StoredObjectIndexTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cf-index-").FullName;

    [Fact]
    public async Task Warmed_from_the_listing_it_answers_for_stored_keys_without_asking_the_store()
    {
        var store = new LocalFolderObjectStore(root);
        var keys = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            keys.Add((await store.PutAsync(new MemoryStream([(byte)i, 1, 2, 3]))).Key);
        }

        var index = new StoredObjectIndex(store);
        Assert.Equal(4, await index.WarmAsync());
        Assert.Equal(4, index.Known);

        // With the files gone the store would call every key missing: only the index can still know them.
        foreach (var folder in Directory.GetDirectories(root))
        {
            Directory.Delete(folder, recursive: true);
        }

        var unknown = await ContentKey.OfAsync(new MemoryStream([9, 9, 9]));
        Assert.Equal([unknown], await index.MissingAsync([.. keys, unknown]));
    }

    [Fact]
    public async Task Warming_stops_at_the_capacity_rather_than_forgetting_what_it_learned()
    {
        var store = new LocalFolderObjectStore(root);
        for (var i = 0; i < 5; i++)
        {
            await store.PutAsync(new MemoryStream([(byte)i]));
        }

        // Temporary files of an upload in progress are not keys.
        await File.WriteAllTextAsync(Path.Combine(root, ".incoming-abc"), "partial");
        var index = new StoredObjectIndex(store, capacity: 3);

        Assert.Equal(3, await index.WarmAsync());
        Assert.Equal(3, index.Known);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
