using ChromoFarm.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChromoFarm.Hosting.Health;

/// <summary>Ready when the object store answers a lookup (whether or not the key exists).</summary>
internal sealed class ObjectStoreReadiness(IObjectStore store) : IHealthCheck
{
    private static readonly string ProbeKey = new('0', 64);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ExistsAsync(ProbeKey, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"object store: {error.Message}");
        }
    }
}
