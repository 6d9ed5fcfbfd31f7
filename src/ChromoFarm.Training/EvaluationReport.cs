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
    [property: JsonPropertyName("seconds")] double Seconds)
{
    /// <summary>Mirrored views averaged per crop: none, flip or flip4.</summary>
    [JsonPropertyName("test_time_augmentation")]
    public string TestTimeAugmentation { get; init; } = "none";

    /// <summary>Accuracy after the naive redistribution (two slots per class), which forces cells towards 46.</summary>
    [JsonPropertyName("accuracy_forced_46")]
    public double AccuracyForced46 { get; init; }

    [JsonPropertyName("karyotype_exact_forced_46")]
    public double KaryotypeExactForced46 { get; init; }

    /// <summary>Cells whose labels do not make 46,XX or 46,XY (aneuploidies and chromosomes lost in preparation).</summary>
    [JsonPropertyName("abnormal_cells")]
    public int AbnormalCells { get; init; }

    [JsonPropertyName("normal_cells")]
    public int NormalCells { get; init; }

    /// <summary>Fraction of the abnormal cells whose call is abnormal and equals the truth.</summary>
    [JsonPropertyName("abnormal_cells_detected")]
    public double AbnormalCellsDetected { get; init; }

    /// <summary>Fraction of the normal cells called abnormal.</summary>
    [JsonPropertyName("normal_cells_false_abnormal")]
    public double NormalCellsFalseAbnormal { get; init; }

    /// <summary>Fraction of cells with at least one review reason.</summary>
    [JsonPropertyName("cells_needing_review")]
    public double CellsNeedingReview { get; init; }

    /// <summary>Prior-aware assignment and call only, within the timed run (includes the JIT compiling it).</summary>
    [JsonPropertyName("assignment_ms_per_cell")]
    public double AssignmentMillisecondsPerCell { get; init; }

    /// <summary>The same over three more passes once compiled, as in a long-running coordinator; 0 when not timed.</summary>
    [JsonPropertyName("assignment_ms_per_cell_warm")]
    public double AssignmentMillisecondsPerCellWarm { get; init; }

    /// <summary>Chunks of cells loaded ahead of the forward pass (0: loading and classifying took turns).</summary>
    [JsonPropertyName("prefetch_chunks")]
    public int PrefetchChunks { get; init; }

    /// <summary>
    /// Seconds per stage (read, decode, preprocess, forward, assignment), summed over the threads that ran it: with a
    /// prefetch, loading overlaps the forward pass, so the stages add up to more than <see cref="Seconds"/>.
    /// </summary>
    [JsonPropertyName("stage_seconds")]
    public IReadOnlyDictionary<string, double>? StageSeconds { get; init; }

    [JsonPropertyName("priors_version")]
    public string? PriorsVersion { get; init; }
}
