using ChromoFarm.Hosting.Options;
using MassTransit;

namespace ChromoFarm.Hosting;

/// <summary>RabbitMQ transport as every role uses it.</summary>
internal static class RabbitMqBus
{
    /// <remarks>
    /// Every receive endpoint is a quorum queue (replicated, survives a broker node) with a delivery limit, so a
    /// message that kills its consumer each time is dead-lettered instead of looping; the consumer timeout is set per
    /// queue (RabbitMQ 3.12 and later honour it; earlier brokers use their global consumer_timeout). A consume that
    /// throws is retried in process with back-off, then moved to the endpoint's _error queue by MassTransit.
    /// </remarks>
    public static void UseFarmRabbitMq(this IBusRegistrationConfigurator bus, RabbitMqOptions options)
    {
        bus.AddConfigureEndpointsCallback((_, endpoint) =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.SetQuorumQueue();
                rabbit.SetQueueArgument("x-delivery-limit", options.DeliveryLimit);
                rabbit.SetQueueArgument("x-consumer-timeout", (long)options.ConsumerTimeout.TotalMilliseconds);
            }

            if (options.RetryLimit > 0)
            {
                endpoint.UseMessageRetry(r => r.Exponential(options.RetryLimit, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2)));
            }
        });

        bus.UsingRabbitMq((context, transport) =>
        {
            transport.Host(new Uri(options.Url));
            transport.PrefetchCount = options.Prefetch;
            transport.ConfigureEndpoints(context);
        });
    }
}
