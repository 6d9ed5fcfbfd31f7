using ChromoFarm.Datasets;
using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Training.Tests;

/// <summary>`evaluate`'s pipeline on real Pki-3 cells with the shipped model: prefetching changes the speed, never the scores.</summary>
/// <remarks>Loading a model builds (randomly initialises) a network first, which draws from libtorch's global generator.</remarks>
[Collection(TorchRandomState.Name)]
public sealed class ClassifierEvaluationTests : IDisposable
{
    private readonly Pki3Sample sample = new();
    private readonly ChromosomeModel model = ChromosomeModel.Load(Path.Combine(SharedData.RepositoryRoot(), "models", "default.cfm"), ComputeDevice.Cpu);
    private readonly CellPreparation preparation = new(new MetaphaseSegmenter());

    [Fact]
    public void Prefetched_chunks_score_exactly_as_loading_in_turn_and_every_stage_is_timed()
    {
        var cells = sample.Manifest.CellsOf(null);
        var inTurn = new EvaluationDetails();
        var prefetched = new EvaluationDetails();

        var first = ClassifierEvaluation.Run(model, cells, null, preparation, inTurn, settings: new EvaluationSettings { CellsPerChunk = 2, PrefetchChunks = 0 });
        var progress = new List<int>();
        var second = ClassifierEvaluation.Run(model, cells, null, preparation, prefetched, progress.Add, new EvaluationSettings { CellsPerChunk = 2, PrefetchChunks = 2 });

        Assert.Equal(cells.Sum(c => c.Crops.Count), second.Chromosomes);
        Assert.Equal((first.Accuracy, first.AccuracyAssigned, first.KaryotypeExact), (second.Accuracy, second.AccuracyAssigned, second.KaryotypeExact));
        Assert.Equal(inTurn.Cells.Select(c => (c.Patient, c.Cell, c.CalledKaryotype)), prefetched.Cells.Select(c => (c.Patient, c.Cell, c.CalledKaryotype)));
        Assert.Equal(inTurn.Chromosomes, prefetched.Chromosomes);
        Assert.Equal(cells.Count, progress[^1]);
        Assert.Equal(["assignment", "decode", "forward", "preprocess", "read"], second.StageSeconds!.Keys.Order(StringComparer.Ordinal));
        Assert.All(second.StageSeconds.Values, seconds => Assert.True(seconds >= 0));
        Assert.Equal(2, second.PrefetchChunks);
    }

    [Fact]
    public void A_corrupt_crop_in_a_prefetched_chunk_fails_the_run_naming_the_file()
    {
        var folder = Directory.CreateTempSubdirectory("cf-eval-corrupt-").FullName;
        try
        {
            var corrupt = Path.Combine(folder, "corrupt.tiff");
            File.WriteAllBytes(corrupt, [0x49, 0x49, 0x2A, 0x00, 0x13, 0x37]);
            var rows = sample.Manifest.CellsOf(null).SelectMany(c => c.Crops)
                .Select((e, i) => string.Join(',', i == 150 ? corrupt : e.FullPath, e.Patient, e.Cell, e.Label.Label, e.Split));
            var path = Path.Combine(folder, "manifest.csv");
            File.WriteAllLines(path, rows.Prepend("path,patient,cell,label,split"));
            var cells = DatasetManifest.Load(path).CellsOf(null);

            var error = Assert.ThrowsAny<NativeException>(() => ClassifierEvaluation.Run(
                model, cells, null, preparation, new EvaluationDetails(), settings: new EvaluationSettings { CellsPerChunk = 1, PrefetchChunks = 2 }));

            Assert.Contains("corrupt.tiff", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public void Dispose()
    {
        model.Dispose();
        sample.Dispose();
    }
}
