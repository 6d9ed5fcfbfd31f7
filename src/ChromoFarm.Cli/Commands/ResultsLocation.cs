using ChromoFarm.Results;
using ChromoFarm.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Cli.Commands;

/// <summary>
/// Where a command finds results: the folder `chromofarm run --out` wrote (results.db and objects/), its results.db,
/// or, for the commands that need only the database, a PostgreSQL connection string (Host=…;Database=…).
/// </summary>
internal sealed record ResultsLocation(DbContextOptions<ResultsDbContext> Database, string? Objects, string Described)
{
    public const string Help = "A `chromofarm run` output folder or its results.db";

    public bool IsSqlite => Objects is not null;

    /// <summary>The run's objects/ folder as a store.</summary>
    public IObjectStore Store => new LocalFolderObjectStore(Objects ?? throw new UsageException($"{Described}: pictures need a run's objects/ folder"));

    /// <exception cref="UsageException">Nothing results-like is there.</exception>
    public static ResultsLocation Open(string argument, bool allowPostgres = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(argument);
        if (allowPostgres && argument.Contains('=', StringComparison.Ordinal) && argument.Contains("Host", StringComparison.OrdinalIgnoreCase))
        {
            return new ResultsLocation(ResultsDatabase.Postgres(argument), null, "the PostgreSQL results database");
        }

        var file = Directory.Exists(argument) ? Path.Combine(argument, "results.db") : argument;
        if (!File.Exists(file))
        {
            throw new UsageException(Directory.Exists(argument)
                ? $"{argument}: no results.db in this folder (is it the --out folder of `chromofarm run`?)"
                : $"{argument}: no such results folder or results.db");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        return new ResultsLocation(ResultsDatabase.Sqlite(file), Path.Combine(folder, "objects"), file);
    }

    /// <summary>Brings an older run's results.db up to this version's schema (PostgreSQL is the coordinator's to migrate).</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (IsSqlite)
        {
            await ResultsDatabase.MigrateAsync(Database, cancellationToken).ConfigureAwait(false);
        }
    }
}
