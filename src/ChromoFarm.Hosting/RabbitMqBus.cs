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
            transport.Host(new Uri(options.Url));
            transport.PrefetchCount = options.Prefetch;
            transport.ConfigureEndpoints(context);
        });
    }
}
