using System.Text.Json.Serialization;

namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// The `evaluate-segmentation --json` contract (DESIGN.md: at least images, precision, recall, f1).
/// Instances match one to one at IoU ≥ 0.5; fractions are in [0, 1].
/// </summary>
public sealed record SegmentationReport(
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("segmenter")] string Segmenter,
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("mean_iou")] double MeanIoU,
    [property: JsonPropertyName("truth_instances")] int TruthInstances,
    [property: JsonPropertyName("predicted_instances")] int PredictedInstances,
    [property: JsonPropertyName("matched")] int Matched,
    [property: JsonPropertyName("merges")] int Merges,
    [property: JsonPropertyName("splits")] int Splits,
    [property: JsonPropertyName("seconds_per_image")] double SecondsPerImage,
    [property: JsonPropertyName("max_seconds_per_image")] double MaxSecondsPerImage,
    [property: JsonPropertyName("threads")] int Threads)
{
    /// <summary>Objects segmentation flagged as possible clusters.</summary>
    [JsonPropertyName("needs_review")]
    public int NeedsReview { get; init; }

    /// <summary>Of the merges, those segmentation flagged: the flag's catch rate is this over <see cref="Merges"/>.</summary>
    [JsonPropertyName("needs_review_merges")]
    public int NeedsReviewMerges { get; init; }

    /// <summary>Images whose annotation or pixels could not be read; each is named on stderr and left out of the scores.</summary>
    [JsonPropertyName("failed_images")]
    public int FailedImages { get; init; }

    /// <summary>The images the segmenter's settings were tuned on.</summary>
    [JsonPropertyName("tuned_on")]
    public SegmentationScores? TunedOn { get; init; }

    /// <summary>Every <see cref="SpreadSet.HeldOutEvery"/>th image, never looked at while tuning.</summary>
    [JsonPropertyName("held_out")]
    public SegmentationScores? HeldOut { get; init; }

    /// <summary>Annotated chromosomes that carry a class (M-FISH), the denominator of <see cref="EndToEnd"/>.</summary>
    [JsonPropertyName("labelled_instances")]
    public int LabelledInstances { get; init; }

    /// <summary>Fraction of labelled chromosomes both segmented (IoU ≥ 0.5) and given their class after assignment; null without labels or model.</summary>
    [JsonPropertyName("end_to_end")]
    public double? EndToEnd { get; init; }

    /// <summary>Of the matched labelled chromosomes, the fraction classified correctly after assignment.</summary>
    [JsonPropertyName("matched_classified_correctly")]
    public double? MatchedClassifiedCorrectly { get; init; }

    [JsonPropertyName("model_version")]
    public string? ModelVersion { get; init; }

    /// <summary>Segment, classify, assign and call on every image: right counts and karyotypes.</summary>
    [JsonPropertyName("whole_spreads")]
    public WholeSpreadScores? WholeSpreads { get; init; }

    /// <summary>The same on the held-out images only (synthetic and composed spreads have none).</summary>
    [JsonPropertyName("held_out_whole_spreads")]
    public WholeSpreadScores? HeldOutWholeSpreads { get; init; }
}
