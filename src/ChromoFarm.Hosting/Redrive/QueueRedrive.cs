using System.Text;
using System.Text.Json;
using ChromoFarm.Contracts;
using ChromoFarm.Hosting.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ChromoFarm.Hosting.Redrive;

/// <summary>
/// Replays what left the farm's queues: MassTransit's `QUEUE_error` queues (consumes that kept throwing) and the
/// dead-letter queue (deliveries past x-delivery-limit, which names the queue in x-first-death-queue). Each message
/// goes back to the exchange of its own farm queue, body and properties as they were, the fault headers dropped; the
/// source copy is acknowledged only after the broker has confirmed the new one, so a crash in between duplicates a
/// message (results are idempotent) and never loses one.
/// </summary>
public static class QueueRedrive
{
    private const string ErrorSuffix = "_error";

    // Headers that describe the failure rather than the message: a replay starts clean.
    private static readonly string[] DroppedHeaderPrefixes = ["x-death", "x-first-death", "x-last-death", "x-delivery-count", "MT-Fault", "MT-Reason", "MT-Host"];

    /// <summary>The queues redrive reads: the dead-letter queue and every farm queue's error queue.</summary>
    public static IReadOnlyList<string> Sources { get; } = [FarmTopology.DeadLetter, .. FarmQueues.All.Select(q => q.Queue + ErrorSuffix)];

    /// <param name="sources">Queues to read; default <see cref="Sources"/>. Others are refused.</param>
    /// <param name="limit">At most this many messages in all (0: every message there when it started).</param>
    /// <param name="dryRun">Look and list, move nothing.</param>
    public static async Task<RedriveReport> RunAsync(RabbitMqOptions options, IReadOnlyList<string>? sources, int limit, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        sources = sources is { Count: > 0 } ? sources : Sources;
        if (sources.FirstOrDefault(s => !Sources.Contains(s)) is { } unknown)
        {
            throw new ArgumentException($"--queue {unknown}: not an error or dead-letter queue of the farm ({string.Join(", ", Sources)})");
        }

        await using var connection = await RabbitConnections.OpenAsync(options, "chromofarm-redrive", cancellationToken).ConfigureAwait(false);
        var messages = new List<RedrivenMessage>();
        foreach (var source in sources)
        {
            var budget = limit == 0 ? int.MaxValue : limit - messages.Count;
            if (budget <= 0)
            {
                break;
            }

            messages.AddRange(await DrainAsync(connection, source, budget, dryRun, cancellationToken).ConfigureAwait(false));
        }

        var moved = messages.Count(m => m.Moved);
        return new RedriveReport(dryRun, moved, messages.Count - moved, messages);
    }

    private static async Task<List<RedrivenMessage>> DrainAsync(IConnection connection, string source, int budget, bool dryRun, CancellationToken cancellationToken)
    {
        var found = new List<RedrivenMessage>();
        var count = await CountAsync(connection, source, cancellationToken).ConfigureAwait(false);
        if (count is null or 0)
        {
            return found;
        }

        // Messages looked at but not moved stay unacknowledged until the channel closes, which returns them: the
        // next BasicGet then sees the next message rather than the same one again.
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < Math.Min(count.Value, budget); i++)
        {
            var message = await channel.BasicGetAsync(source, autoAck: false, cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                break;
            }

            var target = TargetOf(source, message.BasicProperties.Headers);
            var entry = new RedrivenMessage(source, target, CellOf(message.Body.Span), ReasonOf(message.BasicProperties.Headers), Moved: false);
            if (!dryRun && target is not null)
            {
                await channel.BasicPublishAsync(target, string.Empty, mandatory: true, Replayed(message.BasicProperties, source), message.Body, cancellationToken).ConfigureAwait(false);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
                entry = entry with { Moved = true };
            }

            found.Add(entry);
        }

        return found;
    }

    // Null when the queue does not exist (MassTransit creates an error queue at the first fault only).
    private static async Task<uint?> CountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            return (await probe.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false)).MessageCount;
        }
        catch (OperationInterruptedException error) when (error.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>The farm queue a message left: the error queue's own, or the dead-letter header's when it names a farm queue.</summary>
    internal static string? TargetOf(string source, IDictionary<string, object?>? headers)
    {
        var target = source.EndsWith(ErrorSuffix, StringComparison.Ordinal)
            ? source[..^ErrorSuffix.Length]
            : Text(headers, "x-first-death-queue");
        return target is not null && FarmQueues.All.Any(q => q.Queue == target) ? target : null;
    }

    internal static BasicProperties Replayed(IReadOnlyBasicProperties original, string source)
    {
        var headers = new Dictionary<string, object?>();
        foreach (var (key, value) in original.Headers ?? new Dictionary<string, object?>())
        {
            if (!DroppedHeaderPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                headers[key] = value;
            }
        }

        headers["x-chromofarm-redriven-from"] = source;
        return new BasicProperties
        {
            ContentType = original.ContentType,
            ContentEncoding = original.ContentEncoding,
            MessageId = original.MessageId,
            CorrelationId = original.CorrelationId,
            Type = original.Type,
            Timestamp = original.Timestamp,
            Persistent = true,
            Headers = headers,
        };
    }

    private static string? ReasonOf(IDictionary<string, object?>? headers) =>
        Text(headers, "MT-Fault-Message") is { } fault ? fault
        : Text(headers, "x-first-death-reason") is { } death ? $"dead-lettered: {death}"
        : null;

    // MassTransit's envelope: { "message": { "caseId": ..., "cellId": ... }, ... }.
    private static string? CellOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.TryGetProperty("message", out var message)
                && message.TryGetProperty("caseId", out var caseId) && message.TryGetProperty("cellId", out var cellId)
                ? $"{caseId.GetString()}/{cellId.GetString()}"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            null => null,
            _ => value.ToString(),
        } : null;
}
