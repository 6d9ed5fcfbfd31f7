using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results;

/// <summary>Opens the results database and brings its schema up to date.</summary>
public static class ResultsDatabase
{
    /// <summary>Options for the embedded SQLite database file.</summary>
    public static DbContextOptions<ResultsDbContext> Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new DbContextOptionsBuilder<ResultsDbContext>()
            .UseSqlite($"Data Source={full};Pooling=True")
            .Options;
    }

    /// <summary>Options for PostgreSQL, the distributed farm's database (an Npgsql connection string).</summary>
    public static DbContextOptions<ResultsDbContext> Postgres(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return new DbContextOptionsBuilder<ResultsDbContext>()
            .UseNpgsql(connectionString)
            .Options;
    }

    /// <summary>Applies pending migrations; one role (or the embedded process) does this at start.</summary>
    public static async Task MigrateAsync(DbContextOptions<ResultsDbContext> options, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // WAL lets analysts read while the coordinator writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }
}
