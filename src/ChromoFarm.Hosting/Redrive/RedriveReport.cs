using System.Text.Json.Serialization;

namespace ChromoFarm.Hosting.Redrive;

/// <summary>One message found in an error or dead-letter queue.</summary>
/// <param name="Target">The farm queue it came from and goes back to; null when that cannot be told (left where it is).</param>
/// <param name="Cell">case/cell from the message, when it names one.</param>
/// <param name="Reason">Why it left its queue: MassTransit's fault message, or the broker's dead-letter reason.</param>
public sealed record RedrivenMessage(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("cell")] string? Cell,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("moved")] bool Moved);

/// <summary>What `chromofarm redrive` did (or, with --dry-run, would do).</summary>
public sealed record RedriveReport(
    [property: JsonPropertyName("dry_run")] bool DryRun,
    [property: JsonPropertyName("moved")] int Moved,
    [property: JsonPropertyName("left")] int Left,
    [property: JsonPropertyName("messages")] IReadOnlyList<RedrivenMessage> Messages);
