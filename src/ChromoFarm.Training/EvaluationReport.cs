using System.Text.Json.Serialization;

namespace ChromoFarm.Training;

/// <summary>The `evaluate --json` contract (DESIGN.md); fractions are in [0, 1].</summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("split")] string? Split,
    [property: JsonPropertyName("cells")] int Cells,
    [property: JsonPropertyName("chromosomes")] int Chromosomes,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("accuracy_assigned")] double AccuracyAssigned,
    [property: JsonPropertyName("cells_all_correct")] double CellsAllCorrect,
    [property: JsonPropertyName("cells_all_correct_assigned")] double CellsAllCorrectAssigned,
    [property: JsonPropertyName("karyotype_exact")] double KaryotypeExact,
    [property: JsonPropertyName("expected_calibration_error")] double ExpectedCalibrationError,
    [property: JsonPropertyName("chromosomes_per_second")] double ChromosomesPerSecond,
    [property: JsonPropertyName("seconds")] double Seconds);
