using System.Security.Cryptography;
using ChromoFarm.Storage;

namespace ChromoFarm.Storage.Tests;

/// <summary>The S3 object store against a real S3-compatible server on 127.0.0.1 (scripts/services.sh).</summary>
public sealed class S3ObjectStoreTests : IDisposable
{
    // A fresh bucket per test (xunit makes an instance per test): the store must create it, and tests do not see
    // each other's objects.
    private readonly string bucket = $"cf-test-{Guid.NewGuid():N}"[..30];
    private readonly S3ObjectStore store;

    public S3ObjectStoreTests() => store = Store(bucket, prefix: new S3StoreOptions().Prefix);

    [SkippableFact]
    public async Task An_object_is_stored_under_its_sha256_and_read_back()
    {
        RequireServer();
        var bytes = RandomBytes(10_000, seed: 1);

        var stored = await store.PutAsync(new MemoryStream(bytes));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Key);
        Assert.Equal(bytes.Length, stored.Length);
        Assert.False(stored.AlreadyStored);
        Assert.True(await store.ExistsAsync(stored.Key));
        Assert.Equal(bytes, await store.GetAsync(stored.Key));
    }

    [SkippableFact]
    public async Task The_same_content_twice_is_stored_once()
    {
        RequireServer();
        var bytes = RandomBytes(5_000, seed: 2);

        var first = await store.PutAsync(new MemoryStream(bytes));
        var second = await store.PutAsync(new MemoryStream(bytes));

        Assert.Equal(first.Key, second.Key);
        Assert.True(second.AlreadyStored);
    }

    [SkippableFact]
    public async Task A_large_object_streams_through_and_survives_the_round_trip()
    {
        RequireServer();
        var bytes = RandomBytes(6 * 1024 * 1024, seed: 3);

        var stored = await store.PutAsync(new MemoryStream(bytes));

        Assert.Equal(bytes, await store.GetAsync(stored.Key));
    }

    [SkippableFact]
    public async Task An_object_above_the_part_size_goes_up_in_parts_and_comes_back_whole()
    {
        RequireServer();
        // 40 MiB: three parts of the SDK's 16 MiB, the last one short.
        var bytes = RandomBytes(40 * 1024 * 1024, seed: 4);

        var stored = await store.PutAsync(new MemoryStream(bytes));

        Assert.Equal(bytes.Length, stored.Length);
        Assert.True(await store.ExistsAsync(stored.Key));
        Assert.Equal(bytes, await store.GetAsync(stored.Key));
    }

    [SkippableFact]
    public async Task Many_concurrent_lookups_and_uploads_all_answer()
    {
        RequireServer();
        // As the ingest role and the worker use it: dozens of requests in flight on one client.
        var contents = Enumerable.Range(0, 32).Select(i => RandomBytes(20_000, seed: 100 + i)).ToArray();
        var stored = await Task.WhenAll(contents.Select(bytes => store.PutAsync(new MemoryStream(bytes))));
        var missing = Enumerable.Range(0, 32).Select(i => Convert.ToHexStringLower(SHA256.HashData([(byte)i, 0xfe])));

        var present = await Task.WhenAll(stored.Select(s => store.ExistsAsync(s.Key)).Concat(missing.Select(k => store.ExistsAsync(k))));
        var read = await Task.WhenAll(stored.Select(s => store.GetAsync(s.Key)));

        Assert.Equal(Enumerable.Repeat(true, 32).Concat(Enumerable.Repeat(false, 32)), present);
        Assert.Equal(contents, read);
    }

    [Fact]
    public void A_store_without_keys_is_refused_naming_both_settings()
    {
        // The Minio SDK signs every request; anonymous access is not offered.
        var error = Assert.Throws<ArgumentException>(() => new S3ObjectStore(new S3StoreOptions { ServiceUrl = "http://127.0.0.1:9000" }));
        Assert.Equal("ObjectStore:AccessKey and ObjectStore:SecretKey are required: every object-store request is signed", error.Message);
    }

    [SkippableFact]
    public async Task A_missing_key_is_named_in_a_file_not_found_error()
    {
        RequireServer();
        var key = new string('a', 64);

        Assert.False(await store.ExistsAsync(key));
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => store.GetAsync(key));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_listing_gives_every_stored_key_and_nothing_stored_under_another_prefix()
    {
        RequireServer();
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add((await store.PutAsync(new MemoryStream(RandomBytes(100 + i, seed: 10 + i)))).Key);
        }

        using var other = Store(bucket, prefix: "other/");
        var foreign = (await other.PutAsync(new MemoryStream(RandomBytes(50, seed: 99)))).Key;
        store.ListPageSize = 2; // three pages: the marker is followed

        var listed = new List<string>();
        await foreach (var key in store.ListKeysAsync())
        {
            listed.Add(key);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(foreign, listed);
    }

    [Fact]
    public void A_missing_service_url_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new S3ObjectStore(new S3StoreOptions { ServiceUrl = "" }));
        Assert.Contains("ObjectStore:ServiceUrl", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => store.Dispose();

    private static S3ObjectStore Store(string bucket, string prefix) => new(new S3StoreOptions
    {
        ServiceUrl = LocalServices.S3Url,
        Bucket = bucket,
        Prefix = prefix,
        AccessKey = "S3RVER",
        SecretKey = "S3RVER",
    });

    private static void RequireServer()
    {
        var reason = LocalServices.Unavailable("the S3-compatible server", LocalServices.S3Url);
        Skip.If(reason is not null, reason);
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
