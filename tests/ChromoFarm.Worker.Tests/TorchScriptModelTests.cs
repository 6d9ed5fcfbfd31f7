using System.Text.Json;
using ChromoFarm.Domain;
using ChromoFarm.Native;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Worker.Tests;

/// <summary>A network trained in Python, exported by examples/pytorch, run by the farm.</summary>
public sealed class TorchScriptModelTests(TorchScriptExports exports) : IClassFixture<TorchScriptExports>
{
    private readonly CellPreparation preparation = new(new MetaphaseSegmenter());

    [SkippableFact]
    public void An_exported_resnet_classifies_pki3_cells_into_probability_rows()
    {
        Skip.IfNot(exports.Available, PythonTorch.Missing);
        using var model = ChromosomeModel.Load(exports.FarmOrder, ComputeDevice.Cpu);
        using var first = Pki3Cells.Prepare(preparation, "97002023.12");
        using var second = Pki3Cells.Prepare(preparation, "97002069.20");

        var probabilities = new BatchClassifier(model, batchSize: 64).Classify([first, second]);

        Assert.True(model.Classifier.IsTorchScript);
        Assert.Equal(SidecarVersion(exports.FarmOrder), model.Version);
        Assert.True(model.Info.Preprocessing.Fit);
        Assert.Equal(96, model.Info.Preprocessing.Canvas);
        Assert.Equal(first.Chromosomes.Count, probabilities[0].Length);
        Assert.Equal(second.Chromosomes.Count, probabilities[1].Length);
        Assert.All(probabilities.SelectMany(cell => cell), row =>
        {
            Assert.Equal(ChromosomeClass.Count, row.Length);
            Assert.Equal(1.0, row.Sum(), 1e-4);
        });
    }

    [SkippableFact]
    public void A_module_with_another_class_order_gives_the_same_probabilities_in_farm_order()
    {
        Skip.IfNot(exports.Available, PythonTorch.Missing);
        using var farmOrder = ChromosomeModel.Load(exports.FarmOrder, ComputeDevice.Cpu);
        using var reversed = ChromosomeModel.Load(exports.Reversed, ComputeDevice.Cpu);
        using var cell = Pki3Cells.Prepare(preparation, "97002023.12");
        var batch = new ClassifierBatch(cell.Chromosomes.Count, farmOrder.Info.Preprocessing.Canvas);
        var count = cell.Chromosomes.Count;
        farmOrder.Preprocessor.Append(batch, cell.Chromosomes.Select(c => c.Crop).ToArray(), Enumerable.Repeat(cell.ReferenceLength, count).ToArray(), Enumerable.Repeat(cell.ReferenceArea, count).ToArray());

        var expected = farmOrder.Predict(batch);
        var reordered = reversed.Predict(batch);
        var raw = reversed.Classifier.Predict(batch);

        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], reordered[i], 1e-5f);
        }

        // The module's own columns run Y, X, 22..1: without the mapping the rows would be reversed.
        Assert.Equal(expected[0], raw[ChromosomeClass.Count - 1], 1e-5f);
        Assert.NotEqual(expected, raw);
    }

    [SkippableFact]
    public void Saving_or_training_a_TorchScript_model_is_refused()
    {
        Skip.IfNot(exports.Available, PythonTorch.Missing);
        using var model = ChromosomeModel.Load(exports.FarmOrder, ComputeDevice.Cpu);
        var target = Path.Combine(exports.Folder, "saved.cfm");

        var save = Assert.ThrowsAny<NativeException>(() => model.Classifier.Save(target));
        var train = Assert.ThrowsAny<NativeException>(() => ClassifierTrainer.Create(model.Classifier, new TrainerOptions()));

        Assert.Contains("TorchScript model cannot be saved", save.Message, StringComparison.Ordinal);
        Assert.Contains("TorchScript model cannot be trained", train.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_sidecar_beside_a_file_that_is_not_TorchScript_is_a_model_file_error_naming_it()
    {
        var folder = Directory.CreateDirectory(Path.Combine(exports.Folder, "not-torchscript")).FullName;
        var path = Path.Combine(folder, "notes.pt");
        File.WriteAllText(path, "not a TorchScript archive");
        File.WriteAllText(Path.Combine(folder, "notes.json"), MinimalSidecar);

        var error = Assert.Throws<ModelFileException>(() => ChromosomeModel.Load(path, ComputeDevice.Cpu));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("TorchScript", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_sidecar_is_a_model_file_error_naming_the_sidecar()
    {
        var folder = Directory.CreateDirectory(Path.Combine(exports.Folder, "bad-sidecar")).FullName;
        var path = Path.Combine(folder, "model.pt");
        File.WriteAllText(path, "never read");
        File.WriteAllText(Path.Combine(folder, "model.json"), MinimalSidecar.Replace("\"channels\": 1", "\"channels\": 2", StringComparison.Ordinal));

        var error = Assert.Throws<ModelFileException>(() => ChromosomeModel.Load(path, ComputeDevice.Cpu));

        Assert.StartsWith(Path.Combine(folder, "model.json") + ": input.channels 2", error.Message, StringComparison.Ordinal);
    }

    private static readonly string MinimalSidecar = $$"""
        {
          "format": "chromofarm-torchscript/1",
          "version": "hand-written",
          "architecture": "none",
          "classes": [{{string.Join(", ", ChromosomeClass.All.Select(c => $"\"{c.Label}\""))}}],
          "input": { "canvas": 96, "channels": 1 }
        }
        """;

    private static string SidecarVersion(string modelPath)
    {
        using var sidecar = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(modelPath, ".json")));
        return sidecar.RootElement.GetProperty("version").GetString()!;
    }
}
