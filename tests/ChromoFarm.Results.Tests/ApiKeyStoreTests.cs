using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results.Tests;

/// <summary>API keys hashed at rest, checked, expired and revoked, on SQLite; <see cref="PostgresApiKeyStoreTests"/> on PostgreSQL.</summary>
public class ApiKeyStoreTests : DatabaseTests
{
    public ApiKeyStoreTests()
        : base(new SqliteTestDatabase())
    {
    }

    protected ApiKeyStoreTests(TestDatabase database)
        : base(database)
    {
    }

    [SkippableFact]
    public async Task A_created_key_checks_out_with_its_role_and_only_its_hash_is_stored()
    {
        var store = new ApiKeyStore(Options);

        var created = await store.CreateAsync("alice", ApiRoles.Reviewer, null, "admin");
        var check = await store.CheckAsync(created.Key);

        Assert.StartsWith("cfk_", created.Key, StringComparison.Ordinal);
        Assert.Equal(("alice", "reviewer"), (check.Key!.Name, check.Key.Role));
        await using var db = new ResultsDbContext(Options);
        var row = await db.ApiKeys.SingleAsync();
        Assert.DoesNotContain(created.Key.Split('_')[2], row.KeyHash, StringComparison.Ordinal);
        Assert.Equal(64, row.KeyHash.Length);
        Assert.Equal("api_key_created", (await db.Audit.SingleAsync()).Action);
    }

    [SkippableFact]
    public async Task A_wrong_secret_a_malformed_key_a_revoked_key_and_an_expired_key_are_refused_saying_why()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new ApiKeyStore(Options, clock);
        var good = await store.CreateAsync("alice", ApiRoles.Reader, null, "admin");
        var shortLived = await store.CreateAsync("bot", ApiRoles.Ingest, TimeSpan.FromHours(1), "admin");
        var wrongSecret = good.Key[..^1] + (good.Key[^1] == 'a' ? 'b' : 'a');

        Assert.Equal("the API key is not known", (await store.CheckAsync(wrongSecret)).Refusal);
        Assert.Contains("malformed", (await store.CheckAsync("hello")).Refusal, StringComparison.Ordinal);
        Assert.True(await store.RevokeAsync(good.Record.KeyId, "admin"));
        Assert.Contains("was revoked", (await store.CheckAsync(good.Key)).Refusal, StringComparison.Ordinal);
        clock.Now += TimeSpan.FromHours(2);
        Assert.Contains("expired", (await store.CheckAsync(shortLived.Key)).Refusal, StringComparison.Ordinal);
        Assert.False(await store.RevokeAsync(good.Record.KeyId, "admin"));
    }

    [SkippableFact]
    public async Task An_unknown_role_or_an_empty_name_is_refused()
    {
        var store = new ApiKeyStore(Options);

        Assert.Contains("role 'root'", (await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync("x", "root", null, "admin"))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateAsync(" ", ApiRoles.Reader, null, "admin"));
    }
}

public sealed class PostgresApiKeyStoreTests() : ApiKeyStoreTests(new PostgresTestDatabase());
