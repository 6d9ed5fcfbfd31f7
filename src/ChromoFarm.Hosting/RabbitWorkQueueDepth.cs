using ChromoFarm.Contracts;
using ChromoFarm.Coordinator;
using ChromoFarm.Hosting.Options;
using RabbitMQ.Client;

namespace ChromoFarm.Hosting;

/// <summary>Ready messages of the workers' queue, by a passive declare (it changes nothing on the broker).</summary>
internal sealed class RabbitWorkQueueDepth(RabbitMqOptions options) : IWorkQueueDepth
{
    public async Task<long> ReadyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await RabbitConnections.OpenAsync(options, "chromofarm-sweep", cancellationToken).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var queue = await channel.QueueDeclarePassiveAsync(FarmQueues.AnalyzeCell, cancellationToken).ConfigureAwait(false);
        return queue.MessageCount;
    }
}
