using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Worker.Tests;

/// <summary>
/// Ensembles named "a.cfm,b.cfm", built from two real shipped networks: the G-band model and the Q-band one saved
/// again under the G-band stain (so the pair is allowed), which differ in every weight.
/// </summary>
public sealed class EnsembleModelTests : IDisposable
{
    private static readonly string Models = Path.Combine(SharedData.RepositoryRoot(), "models");
    private static readonly string GBand = Path.Combine(Models, "default.cfm");

    private readonly string folder = Directory.CreateTempSubdirectory("cf-ensemble-").FullName;
    private readonly string relabelled;
    private readonly CellPreparation preparation = new(new MetaphaseSegmenter());
    private readonly PreparedCell[] cells;

    public EnsembleModelTests()
    {
        relabelled = Path.Combine(folder, "qband-as-gband.cfm");
        using (var qband = ChromosomeClassifier.Load(Path.Combine(Models, "qband-bioimlab.cfm"), ComputeDevice.Cpu))
        {
            var info = ChromoFarm.Models.ModelInfo.FromJson(qband.Metadata, "qband-bioimlab.cfm");
            qband.Metadata = (info with { Stain = "G-band" }).ToJson();
            qband.Save(relabelled);
        }

        cells = new[] { "97002023.12", "97002069.20" }.Select(c => Pki3Cells.Prepare(preparation, c)).ToArray();
    }

    [Fact]
    public void An_ensemble_gives_each_crop_the_mean_of_its_members_calibrated_probabilities()
    {
        using var first = ChromosomeModel.Load(GBand, ComputeDevice.Cpu);
        using var second = ChromosomeModel.Load(relabelled, ComputeDevice.Cpu);
        using var ensemble = ChromosomeModel.Load($"{GBand},{relabelled}", ComputeDevice.Cpu);

        var a = Flatten(new BatchClassifier(first).Classify(cells));
        var b = Flatten(new BatchClassifier(second).Classify(cells));
        var mean = Flatten(new BatchClassifier(ensemble).Classify(cells));

        Assert.Equal(a.Length, mean.Length);
        Assert.True(a.Zip(b).Max(p => Math.Abs(p.First - p.Second)) > 0.1, "the two members should disagree somewhere");
        Assert.All(Enumerable.Range(0, a.Length), i => Assert.Equal((a[i] + b[i]) / 2, mean[i], 1e-5));
    }

    [Fact]
    public void An_ensemble_is_recorded_under_both_versions_and_has_no_single_classifier()
    {
        using var first = ChromosomeModel.Load(GBand, ComputeDevice.Cpu);
        using var second = ChromosomeModel.Load(relabelled, ComputeDevice.Cpu);
        using var ensemble = ChromosomeModel.Load($"{GBand}, {relabelled}", ComputeDevice.Cpu);

        Assert.True(ensemble.IsEnsemble);
        Assert.False(first.IsEnsemble);
        Assert.Equal($"{first.Version}+{second.Version}", ensemble.Version);
        Assert.Equal(Screening.Stain.GBand, ensemble.Info.TrainedStain);
        Assert.Null(ensemble.Info.Calibration);
        Assert.Throws<InvalidOperationException>(() => ensemble.Classifier);
    }

    [Fact]
    public void Members_of_another_stain_are_refused_naming_the_file()
    {
        var qband = Path.Combine(Models, "qband-bioimlab.cfm");

        var error = Assert.Throws<ModelFileException>(() => ChromosomeModel.Load($"{GBand},{qband}", ComputeDevice.Cpu));

        Assert.StartsWith(qband, error.Message, StringComparison.Ordinal);
        Assert.Contains("Q-band", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_member_fails_the_load_naming_it()
    {
        var missing = Path.Combine(folder, "missing.cfm");

        var error = Assert.ThrowsAny<NativeException>(() => ChromosomeModel.Load($"{GBand},{missing}", ComputeDevice.Cpu));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_with_an_empty_entry_or_a_file_twice_is_refused()
    {
        var empty = Assert.Throws<ModelFileException>(() => ModelPaths.Split($"{GBand},,{relabelled}"));
        var twice = Assert.Throws<ModelFileException>(() => ModelPaths.Split($"{GBand},{GBand}"));

        Assert.Contains("no empty entry", empty.Message, StringComparison.Ordinal);
        Assert.Contains("listed twice", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_whose_name_holds_a_comma_is_one_model()
    {
        var odd = Path.Combine(folder, "g,band.cfm");
        File.Copy(GBand, odd);

        Assert.Equal([odd], ModelPaths.Split(odd));
        Assert.Equal([GBand], ModelPaths.Split(GBand));
        Assert.Equal([GBand, relabelled], ModelPaths.Split($"{GBand},{relabelled}"));
        using var model = ChromosomeModel.Load(odd, ComputeDevice.Cpu);
        Assert.False(model.IsEnsemble);
    }

    [Fact]
    public void Auto_makes_one_ensemble_of_the_models_of_one_stain_and_keeps_the_others_alone()
    {
        var shipped = Directory.CreateDirectory(Path.Combine(folder, "shipped")).FullName;
        File.Copy(GBand, Path.Combine(shipped, "default.cfm"));
        File.Copy(relabelled, Path.Combine(shipped, "gband-second.cfm"));
        File.Copy(Path.Combine(Models, "dapi-mfish.cfm"), Path.Combine(shipped, "dapi-mfish.cfm"));

        using var set = ModelSet.Load(ModelSet.Auto, shipped, ComputeDevice.Cpu);

        Assert.Equal(2, set.Models.Count);
        var gband = Assert.Single(set.Models, m => m.Info.TrainedStain == Screening.Stain.GBand);
        var dapi = Assert.Single(set.Models, m => m.Info.TrainedStain == Screening.Stain.Dapi);
        Assert.True(gband.IsEnsemble);
        Assert.Equal(2, gband.Version.Split('+').Length);
        Assert.False(dapi.IsEnsemble);
    }

    [Fact]
    public void Combine_refuses_a_single_member()
    {
        using var one = ChromosomeModel.Load(GBand, ComputeDevice.Cpu);

        var error = Assert.Throws<ModelFileException>(() => ChromosomeModel.Combine([one]));

        Assert.Contains("two or more", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var cell in cells)
        {
            cell.Dispose();
        }

        Directory.Delete(folder, recursive: true);
    }

    private static float[] Flatten(float[][][] probabilities) => probabilities.SelectMany(c => c.SelectMany(r => r)).ToArray();
}
