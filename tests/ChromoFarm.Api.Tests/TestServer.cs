using System.Net.Http.Json;
using ChromoFarm.Results;
using ChromoFarm.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Api.Tests;

/// <summary>The API and page on a free loopback port over a test database and an object store folder of its own.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string folder;

    private TestServer(WebApplication app, string folder, DbContextOptions<ResultsDbContext> database, IObjectStore store)
    {
        this.app = app;
        this.folder = folder;
        Database = database;
        Store = store;
        Address = LocalApiServer.Address(app);
        Keys = new ApiKeyStore(database);
    }

    public Uri Address { get; }

    public DbContextOptions<ResultsDbContext> Database { get; }

    public IObjectStore Store { get; }

    public ApiKeyStore Keys { get; }

    public static async Task<TestServer> StartAsync(DbContextOptions<ResultsDbContext> database, AuthOptions? auth = null)
    {
        var folder = Directory.CreateTempSubdirectory("cf-api-").FullName;
        var store = new LocalFolderObjectStore(Path.Combine(folder, "objects"));
        var app = LocalApiServer.Build(database, store, port: 0, auth);
        await app.StartAsync();
        return new TestServer(app, folder, database, store);
    }

    /// <summary>A client sending a new key of <paramref name="role"/> (named after the role: the audit's actor).</summary>
    public async Task<HttpClient> ClientAsync(string role)
    {
        var created = await Keys.CreateAsync($"test-{role}", role, TimeSpan.FromHours(1), "test");
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.Key);
        return client;
    }

    public HttpClient Anonymous() => new() { BaseAddress = Address };

    public static Task<HttpResponseMessage> ReviewAsync(HttpClient client, string caseId, string cellId, object body) =>
        client.PostAsJsonAsync($"/v1/cases/{caseId}/cells/{cellId}/review", body);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
