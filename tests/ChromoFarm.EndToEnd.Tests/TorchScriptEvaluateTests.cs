namespace ChromoFarm.EndToEnd.Tests;

public sealed class TorchScriptEvaluateTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-e2e-torchscript-").FullName;

    [SkippableFact]
    public async Task Evaluate_runs_an_exported_torchvision_model_and_reports_its_sidecar_version()
    {
        Skip.If(PythonTorch.Executable is null, PythonTorch.Missing);
        var model = await PythonTorch.ExportRandomResNetAsync(folder, "resnet18", seed: 7, "--version", "resnet18-e2e-random7");
        var manifest = WriteValManifest(cellCount: 2);

        var result = await Cli.RunAsync("evaluate", "--model", model, "--data", manifest, "--split", "val", "--device", "cpu", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal("resnet18-e2e-random7", json.RootElement.GetProperty("model_version").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("cells").GetInt32());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // `evaluate` has no --limit-cells: the first val cells go into a manifest of their own,
    // with absolute paths so the crops are read in place.
    private string WriteValManifest(int cellCount)
    {
        var source = SharedData.File("pki3/manifest.csv");
        var pki3 = Path.GetDirectoryName(source)!;
        var rows = File.ReadLines(source).Skip(1).Select(l => l.Split(',')).Where(f => f[4] == "val").ToList();
        var cells = rows.Select(f => f[2]).Distinct().Take(cellCount).ToHashSet();
        var path = Path.Combine(folder, "manifest.csv");
        File.WriteAllLines(path, rows.Where(f => cells.Contains(f[2])).Select(f => string.Join(',', Path.Combine(pki3, f[0]), f[1], f[2], f[3], f[4])).Prepend("path,patient,cell,label,split"));
        return path;
    }
}
