using System.Security.Cryptography;
using ChromoFarm.Storage;

namespace ChromoFarm.Core.Tests;

public sealed class LocalFolderObjectStoreTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-store-").FullName;

    [Fact]
    public async Task The_key_is_the_sha256_of_the_content()
    {
        var store = new LocalFolderObjectStore(folder);
        var bytes = "metaphase"u8.ToArray();
        var stored = await store.PutAsync(new MemoryStream(bytes));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Key);
        Assert.Equal(bytes, await store.GetAsync(stored.Key));
        Assert.True(await store.ExistsAsync(stored.Key));
        Assert.False(await store.ExistsAsync(new string('0', 64)));
    }

    [Fact]
    public async Task Storing_the_same_content_twice_is_a_no_op()
    {
        var store = new LocalFolderObjectStore(folder);
        var first = await store.PutAsync(new MemoryStream([1, 2, 3]));
        var second = await store.PutAsync(new MemoryStream([1, 2, 3]));
        Assert.False(first.AlreadyStored);
        Assert.True(second.AlreadyStored);
        Assert.Equal(first.Key, second.Key);
        Assert.Single(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_missing_key_is_a_clear_error()
    {
        var store = new LocalFolderObjectStore(folder);
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.GetAsync(new string('a', 64)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync("../../etc/passwd"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
