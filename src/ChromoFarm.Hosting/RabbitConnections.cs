using ChromoFarm.Hosting.Options;
using RabbitMQ.Client;

namespace ChromoFarm.Hosting;

/// <summary>Plain client connections (topology, sweep, redrive) with the same address as the roles' MassTransit bus.</summary>
internal static class RabbitConnections
{
    public static Task<IConnection> OpenAsync(RabbitMqOptions options, string clientName, CancellationToken cancellationToken)
    {
        var uri = AmqpUri(options.Url);
        var factory = new ConnectionFactory { Uri = uri, ClientProvidedName = clientName };
        if (IsTls(uri))
        {
            factory.Ssl = new SslOption(uri.Host)
            {
                Enabled = true,
                Version = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
                CertificateValidationCallback = options.CertificateAuthority()?.Callback,
            };
        }

        return factory.CreateConnectionAsync(cancellationToken);
    }

    public static bool IsTls(Uri address) => address.Scheme is "amqps" or "rabbitmqs";

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
