using System.Diagnostics;
using MassTransit;

namespace ChromoFarm.Worker;

/// <summary>The W3C trace context a message was published under, as MassTransit carries it in headers.</summary>
internal static class TraceParent
{
    // MassTransit 8 writes the publishing activity's id as "Diagnostic-Id" (W3C format); the others are read too
    // so that a message published by another W3C-propagating client is followed as well.
    private static readonly string[] Headers = ["traceparent", "Diagnostic-Id", "MT-Activity-Id"];

    public static ActivityContext? Of(ConsumeContext context)
    {
        foreach (var header in Headers)
        {
            if (context.Headers.Get<string>(header) is { Length: > 0 } value && ActivityContext.TryParse(value, null, out var parent))
            {
                return parent;
            }
        }

        return null;
    }
}
