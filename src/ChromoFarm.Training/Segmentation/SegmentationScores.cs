using System.Text.Json.Serialization;

namespace ChromoFarm.Training.Segmentation;

/// <summary>Instance scores over a set of images; fractions in [0, 1].</summary>
public sealed record SegmentationScores(
    [property: JsonPropertyName("images")] int Images,
    [property: JsonPropertyName("truth_instances")] int TruthInstances,
    [property: JsonPropertyName("predicted_instances")] int PredictedInstances,
    [property: JsonPropertyName("matched")] int Matched,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("mean_iou")] double MeanIoU,
    [property: JsonPropertyName("merges")] int Merges,
    [property: JsonPropertyName("splits")] int Splits);

/// <summary>Adds up per-image matchings into <see cref="SegmentationScores"/>.</summary>
internal sealed class ScoreTally
{
    private int images, truth, predicted, matched, merges, splits;
    private double iouSum;

    public void Add(int truthCount, int predictedCount, InstanceMatching matching)
    {
        images++;
        truth += truthCount;
        predicted += predictedCount;
        matched += matching.Matches.Count;
        iouSum += matching.Matches.Sum(m => m.IoU);
        merges += matching.Merges;
        splits += matching.Splits;
    }

    public SegmentationScores Scores()
    {
        var precision = predicted == 0 ? 0 : (double)matched / predicted;
        var recall = truth == 0 ? 0 : (double)matched / truth;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new SegmentationScores(images, truth, predicted, matched, precision, recall, f1,
            matched == 0 ? 0 : iouSum / matched, merges, splits);
    }
}
