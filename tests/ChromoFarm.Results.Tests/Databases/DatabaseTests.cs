using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results.Tests;

/// <summary>Tests that each get a new, migrated database of <paramref name="database"/>'s kind.</summary>
public abstract class DatabaseTests(TestDatabase database) : IAsyncLifetime
{
    private DbContextOptions<ResultsDbContext>? options;
    private string? skipReason;

    public TestDatabase Database => database;

    /// <summary>The database this test uses; skips the test with the reason where its service is absent under the opt-out.</summary>
    protected DbContextOptions<ResultsDbContext> Options
    {
        get
        {
            Skip.If(skipReason is not null, skipReason);
            return options!;
        }
    }

    public async Task InitializeAsync()
    {
        skipReason = database.SkipReason();
        if (skipReason is null)
        {
            options = await database.CreateAsync();
            await ResultsDatabase.MigrateAsync(options);
        }
    }

    public async Task DisposeAsync() => await database.DisposeAsync();
}
