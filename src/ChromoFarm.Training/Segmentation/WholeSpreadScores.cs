using System.Text.Json.Serialization;
using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;

namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// The whole path on whole spreads: segment, classify, assign, call. Fractions are of <see cref="Spreads"/>, or of
/// <see cref="LabelledChromosomes"/> for the per-chromosome figures.
/// </summary>
/// <param name="RightCount">Spreads whose object count equals the annotated count.</param>
/// <param name="RightKaryotype">Of the fully labelled spreads, those called with the karyotype their labels give; null without labels or model.</param>
/// <param name="EndToEnd">Labelled chromosomes both segmented (IoU ≥ 0.5) and given their class after assignment.</param>
/// <param name="MatchedClassifiedCorrectly">Of the matched labelled chromosomes, those given their class after assignment.</param>
public sealed record WholeSpreadScores(
    [property: JsonPropertyName("spreads")] int Spreads,
    [property: JsonPropertyName("labelled_spreads")] int LabelledSpreads,
    [property: JsonPropertyName("labelled_chromosomes")] int LabelledChromosomes,
    [property: JsonPropertyName("right_count")] double RightCount,
    [property: JsonPropertyName("right_karyotype")] double? RightKaryotype,
    [property: JsonPropertyName("end_to_end")] double? EndToEnd,
    [property: JsonPropertyName("matched_classified_correctly")] double? MatchedClassifiedCorrectly);

/// <summary>Adds up <see cref="WholeSpreadScores"/> spread by spread.</summary>
internal sealed class WholeSpreadTally
{
    private int spreads, rightCount, labelledSpreads, rightKaryotype, labelled, matched, correct;
    private bool classified;

    public void Add(int truthCount, int predictedCount)
    {
        spreads++;
        rightCount += truthCount == predictedCount ? 1 : 0;
    }

    /// <param name="truth">The annotated classes, when every annotated chromosome has one.</param>
    /// <param name="called">The call on the segmented objects.</param>
    public void AddClassified(IReadOnlyList<ChromosomeClass>? truth, Karyotype called, int labelledChromosomes, int matchedLabelled, int correctLabelled)
    {
        classified = true;
        labelled += labelledChromosomes;
        matched += matchedLabelled;
        correct += correctLabelled;
        if (truth is not null)
        {
            labelledSpreads++;
            rightKaryotype += Karyotype.FromLabels(truth).Notation == called.Notation ? 1 : 0;
        }
    }

    public WholeSpreadScores Scores() => new(
        spreads,
        labelledSpreads,
        labelled,
        spreads == 0 ? 0 : (double)rightCount / spreads,
        !classified || labelledSpreads == 0 ? null : (double)rightKaryotype / labelledSpreads,
        !classified || labelled == 0 ? null : (double)correct / labelled,
        !classified || matched == 0 ? null : (double)correct / matched);
}
