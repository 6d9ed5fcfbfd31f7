using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ChromoFarm.Results.Tests;

/// <summary>An embedded results.db written by an older release migrates in place (the old rows use SQLite's SQL).</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-migration-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Results_stored_before_the_karyotype_call_columns_survive_the_migration()
    {
        var path = Path.Combine(folder, "old.db");
        var old = ResultsDatabase.Sqlite(path);
        await using (var db = new ResultsDbContext(old))
        {
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("20261121000000_InitialResults");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO cases (case_key, created_at) VALUES ('case', '2026-11-21'); " +
                "INSERT INTO cells (case_id, cell_key, source_kind, status, created_at, updated_at) VALUES (1, 'c1', 'crop-set', 'Completed', '2026-11-21', '2026-11-21'); " +
                "INSERT INTO cell_results (cell_id, model_version, karyotype, chromosome_count, is_normal, mean_confidence, changed_by_assignment, processing_ms, submitted_at, completed_at) " +
                "VALUES (1, 'model-a', '46,XY', 46, 1, 0.9, 0, 5, '2026-11-21', '2026-11-21');");
        }

        await ResultsDatabase.MigrateAsync(old);

        await using var migrated = new ResultsDbContext(old);
        var result = await migrated.CellResults.SingleAsync();
        Assert.Equal("46,XY", result.Karyotype);
        Assert.Equal(string.Empty, result.ReviewReasons);
        Assert.False(result.NeedsReview);
        Assert.Equal("unknown", result.PriorsVersion);
    }
}
