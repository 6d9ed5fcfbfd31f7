using System.Text.Json.Serialization;

namespace ChromoFarm.Training;

/// <summary>One line of the training log (JSON lines beside the model).</summary>
public sealed record EpochSummary(
    [property: JsonPropertyName("epoch")] int Epoch,
    [property: JsonPropertyName("learning_rate")] double LearningRate,
    [property: JsonPropertyName("train_loss")] double TrainLoss,
    [property: JsonPropertyName("train_accuracy")] double TrainAccuracy,
    [property: JsonPropertyName("val_accuracy")] double ValidationAccuracy,
    [property: JsonPropertyName("val_accuracy_assigned")] double ValidationAccuracyAssigned,
    [property: JsonPropertyName("val_cells_all_correct_assigned")] double ValidationCellsAllCorrectAssigned,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("best")] bool Best);
