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
        var factory = new ConnectionFactory { Uri = AmqpUri(options.Url), ClientProvidedName = "chromofarm-topology" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var (queue, message) in FarmQueues.All)
        {
            var messageExchange = $"{message.Namespace}:{message.Name}";
            await channel.ExchangeDeclareAsync(messageExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: QueueArguments(options), cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(queue, queue, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.ExchangeBindAsync(queue, messageExchange, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The arguments of every farm queue; MassTransit's endpoints are given the same ones (same types too:
    /// RabbitMQ refuses to redeclare a queue whose arguments differ).</summary>
    public static Dictionary<string, object?> QueueArguments(RabbitMqOptions options) => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-delivery-limit"] = options.DeliveryLimit,
        ["x-consumer-timeout"] = (long)options.ConsumerTimeout.TotalMilliseconds,
    };

    // MassTransit also accepts rabbitmq:// addresses; the client library wants amqp://.
    private static Uri AmqpUri(string url)
    {
        var uri = new UriBuilder(url);
        uri.Scheme = uri.Scheme switch
        {
            "rabbitmq" => "amqp",
            "rabbitmqs" => "amqps",
            _ => uri.Scheme,
        };
        return uri.Uri;
    }
}
