using ChromoFarm.Results;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.EndToEnd.Tests;

public sealed class EmbeddedRunTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-e2e-").FullName;

    [Fact]
    public async Task A_handful_of_pki3_cells_each_complete_and_are_stored_exactly_once()
    {
        var (manifest, cells, crops) = WritePki3Manifest(cellCount: 4);
        var output = Path.Combine(folder, "out");

        var first = await Cli.RunAsync("run", manifest, "--out", output);
        var second = await Cli.RunAsync("run", manifest, "--out", output);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("already stored 4", second.Output, StringComparison.Ordinal);
        await using var db = Open(output);
        Assert.Equal(cells, await db.Cells.CountAsync());
        Assert.Equal(cells, await db.CellResults.CountAsync());
        Assert.Equal(crops, await db.Chromosomes.CountAsync());
        Assert.All(await db.Cells.ToListAsync(), c => Assert.Equal(Results.Entities.CellStatus.Completed, c.Status));
        var csv = await File.ReadAllLinesAsync(Path.Combine(output, "results.csv"));
        Assert.Equal(cells + 1, csv.Length);
    }

    [Fact]
    public async Task A_corrupt_image_fails_its_own_cell_and_the_others_complete()
    {
        var input = Directory.CreateDirectory(Path.Combine(folder, "case-a")).FullName;
        File.Copy(SharedData.File("metaphase-mfish/0im.png"), Path.Combine(input, "0im.png"));
        File.Copy(SharedData.File("metaphase-mfish/11im.png"), Path.Combine(input, "11im.png"));
        var bytes = await File.ReadAllBytesAsync(SharedData.File("metaphase-mfish/12im.png"));
        await File.WriteAllBytesAsync(Path.Combine(input, "broken.png"), bytes[..3000]);
        var output = Path.Combine(folder, "out");

        var result = await Cli.RunAsync("run", input, "--out", output);

        Assert.Equal(2, result.ExitCode);
        var errorLine = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("chromofarm:", StringComparison.Ordinal));
        Assert.Contains("broken.png", errorLine, StringComparison.Ordinal);
        await using var db = Open(output);
        var cells = await db.Cells.Include(c => c.Results).ToListAsync();
        Assert.Equal(3, cells.Count);
        var broken = Assert.Single(cells, c => c.CellKey == "broken");
        Assert.Equal(Results.Entities.CellStatus.Failed, broken.Status);
        Assert.Contains("broken.png", broken.Error, StringComparison.Ordinal);
        Assert.All(cells.Where(c => c.CellKey != "broken"), c => Assert.Single(c.Results));
        Assert.All(cells.Where(c => c.CellKey != "broken"), c => Assert.InRange(c.Results[0].ChromosomeCount, 30, 70));
    }

    [Fact]
    public async Task A_missing_input_is_one_line_naming_it_and_exit_code_2()
    {
        var missing = Path.Combine(folder, "nowhere");
        var result = await Cli.RunAsync("run", missing, "--out", Path.Combine(folder, "out"));
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("nowhere", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_prints_the_json_contract_and_writes_the_report()
    {
        var (manifest, _, crops) = WritePki3Manifest(cellCount: 2);
        var reportFolder = Path.Combine(folder, "report");
        var result = await Cli.RunAsync("evaluate", "--data", manifest, "--json", "--report", reportFolder);
        Assert.True(result.ExitCode == 0, result.Error);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(crops, root.GetProperty("chromosomes").GetInt32());
        Assert.Equal(2, root.GetProperty("cells").GetInt32());
        foreach (var fraction in new[] { "accuracy", "accuracy_assigned", "cells_all_correct", "cells_all_correct_assigned", "karyotype_exact" })
        {
            Assert.InRange(root.GetProperty(fraction).GetDouble(), 0, 1);
        }

        Assert.True(root.GetProperty("chromosomes_per_second").GetDouble() > 0);
        Assert.InRange(root.GetProperty("expected_calibration_error").GetDouble(), 0, 1);
        Assert.True(new FileInfo(Path.Combine(reportFolder, "confusion-assigned.png")).Length > 1000);
        Assert.Equal(1 + 24, File.ReadAllLines(Path.Combine(reportFolder, "per-class.csv")).Length);
    }

    [Fact]
    public async Task Models_list_shows_the_shipped_model_and_names_an_unreadable_file()
    {
        var notAModel = Path.Combine(folder, "notes.cfm");
        await File.WriteAllTextAsync(notAModel, "not a model");

        var shipped = await Cli.RunAsync("models", "list", "--json");
        var bad = await Cli.RunAsync("models", "list", notAModel);

        Assert.True(shipped.ExitCode == 0, shipped.Error);
        using var json = System.Text.Json.JsonDocument.Parse(shipped.Output);
        var metadata = json.RootElement[0].GetProperty("metadata");
        Assert.StartsWith("chromofarm-resnet", metadata.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.True(metadata.GetProperty("metrics").GetProperty("val_accuracy").GetDouble() > 0.5);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("notes.cfm", bad.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static ResultsDbContext Open(string output) => new(ResultsDatabase.Sqlite(Path.Combine(output, "results.db")));

    // A manifest of the first val cells with absolute paths, so the crops are read in place from ../shared/data.
    private (string Path, int Cells, int Crops) WritePki3Manifest(int cellCount)
    {
        var source = SharedData.File("pki3/manifest.csv");
        var rows = File.ReadLines(source).Skip(1).Select(l => l.Split(',')).Where(f => f[4] == "val").ToList();
        var cells = rows.Select(f => f[2]).Distinct().Take(cellCount).ToHashSet();
        var chosen = rows.Where(f => cells.Contains(f[2])).ToList();
        var pki3 = System.IO.Path.GetDirectoryName(source)!;
        var path = System.IO.Path.Combine(folder, "manifest.csv");
        File.WriteAllLines(path, chosen.Select(f => string.Join(',', System.IO.Path.Combine(pki3, f[0]), f[1], f[2], f[3], f[4])).Prepend("path,patient,cell,label,split"));
        return (path, cells.Count, chosen.Count);
    }
}
