using ChromoFarm.Hosting.Options;
using RabbitMQ.Client;

namespace ChromoFarm.Hosting;

/// <summary>Plain client connections (topology, sweep, redrive) with the same address as the roles' MassTransit bus.</summary>
internal static class RabbitConnections
{
    public static Task<IConnection> OpenAsync(RabbitMqOptions options, string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = AmqpUri(options.Url), ClientProvidedName = clientName };
        return factory.CreateConnectionAsync(cancellationToken);
    }

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
