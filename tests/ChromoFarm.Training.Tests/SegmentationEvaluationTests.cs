using ChromoFarm.Native;
using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

public sealed class SegmentationEvaluationTests
{
    private static readonly SegmentationEvaluation Classical = new(new MetaphaseSegmenter());

    [Fact]
    public void The_totals_split_into_tuned_and_held_out_and_the_fractions_follow_from_the_counts()
    {
        // The fourth source is held out, as SpreadSet marks it.
        var sources = new[] { 0, 2, 3, 11 }.Select((n, i) => Mfish(n, heldOut: i == 3)).ToArray();

        var report = Classical.Run(new SpreadSet(SpreadSet.Mfish, sources), [], threads: 1);

        Assert.Equal(("m-fish", "classical", 4, 1), (report.Dataset, report.Segmenter, report.Images, report.Threads));
        var (tuned, held) = (report.TunedOn!, report.HeldOut!);
        Assert.Equal((3, 1), (tuned.Images, held.Images));
        Assert.Equal(report.TruthInstances, tuned.TruthInstances + held.TruthInstances);
        Assert.Equal(report.PredictedInstances, tuned.PredictedInstances + held.PredictedInstances);
        Assert.Equal(report.Matched, tuned.Matched + held.Matched);
        Assert.Equal(report.Merges, tuned.Merges + held.Merges);
        Assert.Equal(report.Splits, tuned.Splits + held.Splits);
        Assert.Equal((double)report.Matched / report.PredictedInstances, report.Precision, 12);
        Assert.Equal((double)report.Matched / report.TruthInstances, report.Recall, 12);
        Assert.Equal(2 * report.Precision * report.Recall / (report.Precision + report.Recall), report.F1, 12);
        Assert.Equal((double)held.Matched / held.TruthInstances, held.Recall, 12);
        Assert.InRange(report.MeanIoU, 0.5, 1);
        Assert.InRange(report.SecondsPerImage, double.Epsilon, report.MaxSecondsPerImage);
    }

    [Fact]
    public void Without_a_classifier_there_is_no_end_to_end_figure_but_the_labels_are_counted()
    {
        var report = Classical.Run(new SpreadSet(SpreadSet.Mfish, [Mfish(0, heldOut: false)]), [], threads: 1);

        // Every M-FISH chromosome carries its class.
        Assert.Equal(report.TruthInstances, report.LabelledInstances);
        Assert.Null(report.EndToEnd);
        Assert.Null(report.MatchedClassifiedCorrectly);
        Assert.Null(report.ModelVersion);
    }

    [Fact]
    public void An_unreadable_spread_is_named_counted_and_left_out_of_the_scores()
    {
        var broken = new SpreadSource("broken.json", false, () => throw new SpreadAnnotationException("/data/broken.json", "not JSON"));
        var failures = new List<string>();
        var progress = new List<int>();

        var report = Classical.Run(new SpreadSet(SpreadSet.Labelme, [broken, Mfish(2, heldOut: false)]), failures, 1, progress.Add);

        Assert.Equal(["/data/broken.json: not JSON"], failures);
        Assert.Equal((1, 1), (report.Images, report.FailedImages));
        Assert.Equal([1, 2], progress);
    }

    [Fact]
    public void An_empty_image_without_chromosomes_scores_zero_rather_than_not_a_number()
    {
        var blank = new SpreadSource("blank", false,
            () => new AnnotatedSpread("blank", GreyImage.FromPixels(new byte[64 * 64], 64, 64), []));

        var report = Classical.Run(new SpreadSet(SpreadSet.Labelme, [blank]), [], 1);

        Assert.Equal((1, 0, 0), (report.Images, report.TruthInstances, report.Matched));
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (report.Precision, report.Recall, report.F1, report.MeanIoU));
        Assert.Equal(0, report.HeldOut!.Images);
        Assert.Equal(0.0, report.HeldOut.F1);
    }

    private static SpreadSource Mfish(int n, bool heldOut) =>
        new($"{n}im.png", heldOut, () => MfishSpreads.Load(SharedData.File($"metaphase-mfish/{n}im.png")));
}
