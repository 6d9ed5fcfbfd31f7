using ChromoFarm.Contracts;
using ChromoFarm.Hosting.Options;
using RabbitMQ.Client;

namespace ChromoFarm.Hosting;

/// <summary>
/// Declares every farm queue and its bindings before a role starts, the way MassTransit lays them out (message-type
/// exchange → endpoint exchange → quorum queue, same arguments). MassTransit declares only the queues of the consumers
/// in its own process, and RabbitMQ drops a message published to an exchange with no queue bound: without this, cells
/// ingested before the first worker ever started would be lost.
/// </summary>
internal static class FarmTopology
{
    public static async Task DeclareAsync(RabbitMqOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await RabbitConnections.OpenAsync(options, "chromofarm-topology", cancellationToken).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        // The dead-letter exchange and queue first: the farm queues name the exchange.
        await channel.ExchangeDeclareAsync(DeadLetter, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(DeadLetter, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(DeadLetter, DeadLetter, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var (queue, message) in FarmQueues.All)
        {
            var messageExchange = $"{message.Namespace}:{message.Name}";
            await channel.ExchangeDeclareAsync(messageExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await DeclareQueueAsync(channel, queue, options, cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(queue, queue, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.ExchangeBindAsync(queue, messageExchange, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Exchange and queue of messages past their delivery limit (`chromofarm redrive` replays them).</summary>
    public const string DeadLetter = "dead-letter";

    /// <summary>The arguments of every farm queue; MassTransit's endpoints are given the same ones (same types too:
    /// RabbitMQ refuses to redeclare a queue whose arguments differ).</summary>
    public static Dictionary<string, object?> QueueArguments(RabbitMqOptions options) => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-delivery-limit"] = options.DeliveryLimit,
        ["x-consumer-timeout"] = (long)options.ConsumerTimeout.TotalMilliseconds,
        // Past the delivery limit a message moves to the dead-letter queue instead of being dropped; at-least-once
        // keeps it until the dead-letter queue has confirmed it, which RabbitMQ allows only with reject-publish.
        ["x-dead-letter-exchange"] = DeadLetter,
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };

    // A queue declared by an earlier version has other arguments, and RabbitMQ refuses to change them in place.
    private static async Task DeclareQueueAsync(IChannel channel, string queue, RabbitMqOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: QueueArguments(options), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException error) when (error.ShutdownReason?.ReplyCode == 406)
        {
            throw new FarmConfigurationException(
                $"RabbitMQ queue '{queue}' exists with other arguments ({error.ShutdownReason.ReplyText}): drain it, delete it (rabbitmqctl delete_queue {queue}) and start the role again, which declares it with a dead-letter exchange (docs/operations.md, upgrading)");
        }
    }
}
