using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChromoFarm.Datasets;

namespace ChromoFarm.Training;

/// <summary>
/// The options a resumed run must share with the run that wrote the checkpoint: each of them changes the
/// weights, the sample order or the learning-rate schedule. Patience and the device may change.
/// The JSON names are the CLI's option names where there is one.
/// </summary>
public sealed record TrainingFingerprint(
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("batch-size")] int BatchSize,
    [property: JsonPropertyName("canvas")] int Canvas,
    [property: JsonPropertyName("reference-length")] float ReferenceLength,
    [property: JsonPropertyName("orient")] bool Orient,
    [property: JsonPropertyName("max-rotation")] float MaxRotationDegrees,
    [property: JsonPropertyName("width")] int BaseWidth,
    [property: JsonPropertyName("blocks")] int BlocksPerStage,
    [property: JsonPropertyName("lr")] float LearningRate,
    [property: JsonPropertyName("weight-decay")] float WeightDecay,
    [property: JsonPropertyName("label-smoothing")] float LabelSmoothing,
    [property: JsonPropertyName("warmup-steps")] int WarmupSteps,
    [property: JsonPropertyName("epochs")] int Epochs,
    [property: JsonPropertyName("class-balanced")] bool ClassBalanced,
    [property: JsonPropertyName("train-split")] string TrainSplit,
    [property: JsonPropertyName("val-split")] string ValidationSplit,
    [property: JsonPropertyName("limit-cells")] int LimitCells,
    [property: JsonPropertyName("data")] string Data,
    [property: JsonPropertyName("data-rows")] int DataRows)
{
    public static TrainingFingerprint Of(TrainingOptions options, DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(manifest);
        return new TrainingFingerprint(
            options.Seed,
            options.BatchSize,
            options.Canvas,
            options.ReferenceLength,
            options.Orient,
            options.MaxRotationDegrees,
            options.BaseWidth,
            options.BlocksPerStage,
            options.LearningRate,
            options.WeightDecay,
            options.LabelSmoothing,
            options.WarmupSteps,
            options.Epochs,
            options.ClassBalanced,
            options.TrainSplit,
            options.ValidationSplit,
            options.LimitCells,
            Path.GetFullPath(manifest.Path),
            manifest.Entries.Count);
    }

    /// <summary>The first option that differs, in declaration order, as the user would type the values; null when none does.</summary>
    public (string Option, string Checkpoint, string Now)? FirstDifference(TrainingFingerprint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        // Compared through JSON so that the names and values reported are the ones written in progress.json.
        var now = JsonSerializer.SerializeToNode(this)!.AsObject();
        var then = JsonSerializer.SerializeToNode(checkpoint)!.AsObject();
        foreach (var (name, value) in now)
        {
            var earlier = then[name];
            if (!JsonNode.DeepEquals(value, earlier))
            {
                return (name, Text(earlier), Text(value));
            }
        }

        return null;
    }

    private static string Text(JsonNode? value) => value switch
    {
        null => "(none)",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };
}
