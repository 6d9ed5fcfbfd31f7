using ChromoFarm.Datasets;
using ChromoFarm.Native;
using ChromoFarm.Training.Segmentation;

namespace ChromoFarm.Training.Tests;

/// <summary>The classical segmenter on spreads whose truth is known exactly (issue target: recall ≥ 0.98 with no touching).</summary>
public class SyntheticSegmentationTests
{
    private static readonly Lazy<IReadOnlyList<ManifestCell>> s_cells = new(
        () => DatasetManifest.Load(SharedData.File("pki3/manifest.csv")).CellsOf("val").Take(5).ToArray());

    private static SegmentationReport Evaluate(SyntheticSpreadOptions options)
    {
        var failures = new List<string>();
        var report = new SegmentationEvaluation(new MetaphaseSegmenter())
            .Run(SpreadSet.Generated(s_cells.Value, options), failures, threads: 0);
        Assert.Empty(failures);
        return report;
    }

    [Fact]
    public void Separate_chromosomes_are_found_with_recall_of_at_least_0_98()
    {
        var report = Evaluate(new SyntheticSpreadOptions { Seed = 11 });

        Assert.Equal(5, report.Images);
        Assert.True(report.Recall >= 0.98, $"recall {report.Recall:0.000} ({report.Matched} of {report.TruthInstances})");
        Assert.True(report.Precision >= 0.95, $"precision {report.Precision:0.000}");
        Assert.Equal(0, report.Merges);
    }

    [Fact]
    public void Overlapping_chromosomes_merge_and_the_merges_are_flagged_for_review()
    {
        var separate = Evaluate(new SyntheticSpreadOptions { Seed = 11 });
        var crowded = Evaluate(new SyntheticSpreadOptions { Seed = 11, OverlapRate = 0.5 });

        Assert.True(crowded.Merges > 0, "half the chromosomes overlap, yet nothing merged");
        Assert.True(crowded.Recall < separate.Recall, $"recall {crowded.Recall:0.000} with overlaps, {separate.Recall:0.000} without");
        // The flag catches at least half of the merged objects.
        Assert.True(2 * crowded.NeedsReviewMerges >= crowded.Merges, $"{crowded.NeedsReviewMerges} of {crowded.Merges} merges flagged");
    }
}
