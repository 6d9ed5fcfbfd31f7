using ChromoFarm.Security;

namespace ChromoFarm.Hosting.Options;

/// <summary>The message broker (section "RabbitMq").</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    /// <summary>amqp://user:password@host:5672/vhost, or amqps://…:5671/… for TLS. Required.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>With amqps: a PEM file of the CA certificates that sign the broker's certificate, for a lab's own
    /// CA; unset, the system's trust store decides.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>Messages handed to a consumer before it acknowledges (coordinator, ingest). The worker asks for two
    /// batches' worth instead, so that the next batch fills while one runs.</summary>
    public int Prefetch { get; set; } = 32;

    /// <summary>How long a delivery may stay unacknowledged before the broker takes it back (x-consumer-timeout).
    /// Long enough for a GPU batch under load; RabbitMQ's own default is 30 minutes.</summary>
    public TimeSpan ConsumerTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Deliveries of one message before the quorum queue dead-letters it (x-delivery-limit): a message that
    /// crashes its consumer every time cannot loop forever.</summary>
    public int DeliveryLimit { get; set; } = 5;

    /// <summary>In-process retries of a failed consume before the message goes to the endpoint's _error queue.</summary>
    public int RetryLimit { get; set; } = 3;

    public void Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps" or "rabbitmq" or "rabbitmqs"))
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(Url))} must be an amqp:// URL (got '{Redacted(Url)}')");
        }

        if (CaCertificate is { Length: > 0 })
        {
            if (uri.Scheme is not ("amqps" or "rabbitmqs"))
            {
                throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(CaCertificate))} is set but {Section}:{nameof(Url)} is not amqps://: the CA would not be used");
            }

            try
            {
                CertificateAuthority();
            }
            catch (Exception error) when (error is FileNotFoundException or InvalidDataException)
            {
                throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(CaCertificate))}: {error.Message}");
            }
        }

        Positive(Prefetch, nameof(Prefetch));
        Positive(DeliveryLimit, nameof(DeliveryLimit));
        if (ConsumerTimeout < TimeSpan.FromMinutes(1))
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(ConsumerTimeout))} must be at least 00:01:00 (got {ConsumerTimeout})");
        }

        if (RetryLimit < 0)
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(RetryLimit))} must be 0 or more");
        }
    }

    /// <summary>The lab's CA, or null for the system's trust store.</summary>
    public PrivateCertificateAuthority? CertificateAuthority() => CaCertificate is { Length: > 0 } path ? PrivateCertificateAuthority.Load(path) : null;

    // Never print a password from a URL.
    private static string Redacted(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? url.Replace(uri.UserInfo, "***", StringComparison.Ordinal) : url;

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, name)} must be at least 1 (got {value})");
        }
    }
}
