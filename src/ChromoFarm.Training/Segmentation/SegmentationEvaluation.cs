using System.Diagnostics;
using ChromoFarm.Karyotyping;
using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;
using NativeSegmentation = ChromoFarm.Native.Segmentation;

namespace ChromoFarm.Training.Segmentation;

/// <summary>Scores a segmenter against annotated metaphases and, given a model, the whole path to assigned classes.</summary>
/// <param name="model">When given, the segmented objects are also classified and assigned per image (the end-to-end figure).</param>
/// <param name="caller">The per-cell assignment; default: the shipped copy-number priors.</param>
public sealed class SegmentationEvaluation(MetaphaseSegmenter segmenter, ChromosomeModel? model = null, KaryotypeCaller? caller = null)
{
    private readonly KaryotypeCaller caller = caller ?? new KaryotypeCaller(CopyNumberPriorsFile.Default);

    /// <param name="failures">Receives one line per image that could not be read ("file: reason").</param>
    /// <param name="threads">Native threads in use, for the report (segmentation is timed as it runs).</param>
    public SegmentationReport Run(SpreadSet set, ICollection<string> failures, int threads, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(failures);
        var all = new ScoreTally();
        var tuned = new ScoreTally();
        var heldOut = new ScoreTally();
        var wholeSpreads = new WholeSpreadTally();
        var heldOutSpreads = new WholeSpreadTally();
        var classifier = model is null ? null : new BatchClassifier(model);
        int flagged = 0, flaggedMerges = 0, labelled = 0, matchedLabelled = 0, endToEnd = 0, failed = 0;
        double seconds = 0, slowest = 0;
        var done = 0;
        foreach (var source in set.Spreads)
        {
            try
            {
                using var spread = source.Load();
                var watch = Stopwatch.StartNew();
                using var segmentation = segmenter.Segment(spread.Image);
                watch.Stop();
                seconds += watch.Elapsed.TotalSeconds;
                slowest = Math.Max(slowest, watch.Elapsed.TotalSeconds);

                var predicted = PredictedMasks(segmentation);
                var truth = spread.Truth.Select(t => t.Mask).ToArray();
                var matching = InstanceMatching.Match(truth, predicted);
                all.Add(truth.Length, predicted.Count, matching);
                (source.HeldOut ? heldOut : tuned).Add(truth.Length, predicted.Count, matching);
                var whole = source.HeldOut ? new[] { wholeSpreads, heldOutSpreads } : [wholeSpreads];
                foreach (var tally in whole)
                {
                    tally.Add(truth.Length, predicted.Count);
                }
                var review = Enumerable.Range(0, segmentation.Count).Where(i => segmentation.Instances[i].NeedsReview).ToHashSet();
                flagged += review.Count;
                flaggedMerges += matching.MergedPredictions.Count(review.Contains);

                var labels = spread.Truth.Count(t => t.Label is not null);
                labelled += labels;
                if (classifier is not null && labels > 0 && segmentation.Count > 0)
                {
                    var (matched, correct, called) = ClassifyMatched(classifier, segmentation, source.Name, spread, matching);
                    matchedLabelled += matched;
                    endToEnd += correct;
                    var truthLabels = labels == truth.Length ? spread.Truth.Select(t => t.Label!.Value).ToArray() : null;
                    foreach (var tally in whole)
                    {
                        tally.AddClassified(truthLabels, called, labels, matched, correct);
                    }
                }
            }
            catch (Exception e) when (e is SpreadAnnotationException or NativeException)
            {
                failures.Add(e.Message);
                failed++;
            }

            progress?.Invoke(++done);
        }

        var scores = all.Scores();
        var images = Math.Max(1, scores.Images);
        return new SegmentationReport(set.Kind, segmenter.Name, scores.Images, scores.Precision, scores.Recall, scores.F1,
            scores.MeanIoU, scores.TruthInstances, scores.PredictedInstances, scores.Matched, scores.Merges, scores.Splits,
            seconds / images, slowest, threads)
        {
            NeedsReview = flagged,
            NeedsReviewMerges = flaggedMerges,
            FailedImages = failed,
            TunedOn = tuned.Scores(),
            HeldOut = heldOut.Scores(),
            LabelledInstances = labelled,
            EndToEnd = classifier is null || labelled == 0 ? null : (double)endToEnd / labelled,
            MatchedClassifiedCorrectly = classifier is null || labelled == 0 ? null : matchedLabelled == 0 ? 0 : (double)endToEnd / matchedLabelled,
            ModelVersion = model?.Version,
            WholeSpreads = wholeSpreads.Scores(),
            HeldOutWholeSpreads = heldOutSpreads.Scores(),
        };
    }

    // Classifies the image's objects as one cell, assigns them, and counts matched chromosomes given their own class.
    private (int Matched, int Correct, Karyotype Called) ClassifyMatched(BatchClassifier classifier, NativeSegmentation segmentation, string name, AnnotatedSpread spread, InstanceMatching matching)
    {
        using var cell = CellPreparation.FromSegmentation(segmentation, name);
        var probabilities = classifier.Classify([cell])[0];
        var call = caller.Call(probabilities);
        var assigned = call.Assignment.Labels;
        int matched = 0, correct = 0;
        foreach (var (t, p, _) in matching.Matches)
        {
            if (spread.Truth[t].Label is { } label)
            {
                matched++;
                correct += assigned[p] == label ? 1 : 0;
            }
        }

        return (matched, correct, call.Karyotype);
    }

    private static List<InstanceMask> PredictedMasks(NativeSegmentation segmentation)
    {
        var masks = new List<InstanceMask>(segmentation.Count);
        for (var i = 0; i < segmentation.Count; i++)
        {
            var instance = segmentation.Instances[i];
            masks.Add(new InstanceMask(instance.X, instance.Y, instance.Width, instance.Height, segmentation.Mask(i)));
        }

        return masks;
    }
}
