using ChromoFarm.Hosting.Options;
using MassTransit;

namespace ChromoFarm.Hosting;

/// <summary>RabbitMQ transport as every role uses it.</summary>
internal static class RabbitMqBus
{
    /// <remarks>
    /// Every receive endpoint is a quorum queue (replicated, survives a broker node) with a delivery limit, so a
    /// message that kills its consumer each time is dropped by the broker (or dead-lettered where a policy says so)
    /// instead of looping; the consumer timeout is set per queue (RabbitMQ 3.12 and later honour it; earlier brokers
    /// use their global consumer_timeout). A consume that throws is retried in process with back-off, then moved to
    /// the endpoint's _error queue by MassTransit.
    /// </remarks>
    public static void UseFarmRabbitMq(this IBusRegistrationConfigurator bus, RabbitMqOptions options)
    {
        bus.AddConfigureEndpointsCallback((_, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                foreach (var (key, value) in FarmTopology.QueueArguments(options))
                {
                    rabbit.SetQueueArgument(key, value);
                }
            }

            if (options.RetryLimit > 0)
            {
                endpoint.UseMessageRetry(r => r.Exponential(options.RetryLimit, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2)));
            }
        });

        // The library's own usage reporting calls out to the internet; a clinical farm does not.
        bus.DisableUsageTelemetry();
        bus.UsingRabbitMq((context, transport) =>
        {
            var address = new Uri(options.Url);
            transport.Host(address, host =>
            {
                if (RabbitConnections.IsTls(address))
                {
                    // The broker's certificate must name the host in the URL and chain to the system's CAs, or to
                    // RabbitMq:CaCertificate when that is set.
                    host.UseSsl(ssl =>
                    {
                        ssl.ServerName = address.Host;
                        ssl.Protocol = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
                        if (options.CertificateAuthority() is { } authority)
                        {
                            ssl.CertificateValidationCallback = authority.Callback;
                        }
                    });
                }
            });
            transport.PrefetchCount = options.Prefetch;
            transport.ConfigureEndpoints(context);
        });
    }
}
