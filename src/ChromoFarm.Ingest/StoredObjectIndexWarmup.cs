using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChromoFarm.Ingest;

/// <summary>
/// Fills the ingest role's <see cref="StoredObjectIndex"/> from the store's listing once, in the background at start:
/// lookups are answered as before until it is done, and a failed listing only costs those lookups.
/// </summary>
public sealed partial class StoredObjectIndexWarmup(StoredObjectIndex index, ILogger<StoredObjectIndexWarmup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var learned = await index.WarmAsync(stoppingToken).ConfigureAwait(false);
            Learned(learned, watch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception error)
        {
            // Whatever the listing throws (refused, unreachable, no permission to list, an HTTP timeout, which is a
            // cancellation too): the warm-up is an optimisation, and a BackgroundService that throws would stop the
            // whole ingest role.
            ListingFailed(error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "object index: {Count} stored keys learned from the store's listing in {Seconds:0.0} s")]
    private partial void Learned(int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "object index: the store's listing failed ({Reason}); images are looked up one by one")]
    private partial void ListingFailed(string reason);
}
