using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results.Tests;

/// <summary>A new, empty, migrated results database for one test, on SQLite or on the real PostgreSQL of 127.0.0.1.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgres", for test names and messages.</summary>
    public abstract string Provider { get; }

    /// <summary>Null where the database can be had; under the services opt-out, why the test skips.</summary>
    public virtual string? SkipReason() => null;

    public abstract Task<DbContextOptions<ResultsDbContext>> CreateAsync();

    public abstract ValueTask DisposeAsync();
}

/// <summary>A results.db in a folder of its own, as the embedded farm writes it.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-results-").FullName;

    public override string Provider => "sqlite";

    public string Folder => folder;

    public override Task<DbContextOptions<ResultsDbContext>> CreateAsync() =>
        Task.FromResult(ResultsDatabase.Sqlite(Path.Combine(folder, "results.db")));

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
