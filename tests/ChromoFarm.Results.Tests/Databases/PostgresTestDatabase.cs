using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChromoFarm.Results.Tests;

/// <summary>
/// A database of its own on the real PostgreSQL of 127.0.0.1 (`make test` starts it), dropped afterwards. Where
/// PostgreSQL is not answering, the test fails with the line that says how to start it, or skips under the opt-out
/// of <see cref="LocalServices"/>.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public static readonly string Server = Environment.GetEnvironmentVariable("CHROMOFARM_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=chromofarm;Username=chromofarm;Password=chromofarm";

    private readonly string database = $"cf_test_{Guid.NewGuid():N}";
    private bool created;

    public override string Provider => "postgres";

    public override string? SkipReason()
    {
        var builder = new NpgsqlConnectionStringBuilder(Server);
        return LocalServices.Unavailable("PostgreSQL", $"tcp://{builder.Host}:{builder.Port}");
    }

    public override async Task<DbContextOptions<ResultsDbContext>> CreateAsync()
    {
        await ExecuteAsync($"CREATE DATABASE {database}");
        created = true;
        return ResultsDatabase.Postgres(new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        if (created)
        {
            NpgsqlConnection.ClearAllPools();
            // FORCE may not end an autovacuum worker busy in the new database on a loaded host ("42501: must be a
            // member of the role whose process is being terminated"): it finishes within moments, so try again.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                    return;
                }
                catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
                {
                    await Task.Delay(250);
                }
            }
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(Server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
