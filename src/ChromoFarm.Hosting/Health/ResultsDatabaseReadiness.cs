using ChromoFarm.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChromoFarm.Hosting.Health;

/// <summary>Ready when PostgreSQL answers and its schema is current (only the migrating role changes it).</summary>
internal sealed class ResultsDatabaseReadiness(DbContextOptions<ResultsDbContext> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = new ResultsDbContext(options);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"results schema is {pending.Count} migration(s) behind; the coordinator applies them at start");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"results database: {error.Message}");
        }
    }
}
