using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChromoFarm.Results.Tests;

/// <summary>
/// Every results-store test again on a real PostgreSQL on 127.0.0.1 (scripts/services.sh), in a database of its
/// own that is dropped afterwards. Where PostgreSQL is not answering, each test fails with the one line that says
/// how to start it, or skips under the opt-out of <see cref="LocalServices"/>.
/// </summary>
public sealed class PostgresResultsStoreTests : ResultsStoreTests
{
    private static readonly string Server = Environment.GetEnvironmentVariable("CHROMOFARM_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=chromofarm;Username=chromofarm;Password=chromofarm";

    private readonly string database = $"cf_test_{Guid.NewGuid():N}";

    public override async Task DisposeAsync()
    {
        if (!HasDatabase)
        {
            await base.DisposeAsync();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        await base.DisposeAsync();
    }

    protected override string? ServiceSkipReason()
    {
        var builder = new NpgsqlConnectionStringBuilder(Server);
        return LocalServices.Unavailable("PostgreSQL", $"tcp://{builder.Host}:{builder.Port}");
    }

    protected override async Task<DbContextOptions<ResultsDbContext>> CreateDatabaseAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(Server);
        await using (var admin = new NpgsqlConnection(Server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        builder.Database = database;
        return ResultsDatabase.Postgres(builder.ConnectionString);
    }
}
