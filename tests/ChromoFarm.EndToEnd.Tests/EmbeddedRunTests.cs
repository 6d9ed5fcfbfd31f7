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
        Assert.All(await db.CellResults.ToListAsync(), r => Assert.Equal(Karyotyping.CopyNumberPriorsFile.Default.Version, r.PriorsVersion));
        // Without --model, the three shipped G-band networks classify together.
        Assert.All(await db.CellResults.ToListAsync(), r => Assert.Equal(3, r.ModelVersion.Split('+').Distinct().Count()));
        var cases = await File.ReadAllLinesAsync(Path.Combine(output, "cases.csv"));
        Assert.Equal("case,cells,completed,failed,karyotype,mosaic,calls,notes", cases[0]);
        Assert.Equal(await db.Cases.CountAsync(), cases.Length - 1);
    }

    [Fact]
    public async Task Evaluate_in_bf16_scores_as_fp32_within_a_chromosome_and_profiles_its_stages()
    {
        var (manifest, _, crops) = WritePki3Manifest(cellCount: 4);

        var full = await Cli.RunAsync("evaluate", "--data", manifest, "--json");
        var half = await Cli.RunAsync("evaluate", "--data", manifest, "--json", "--precision", "bf16", "--prefetch", "0");

        Assert.True(full.ExitCode == 0, full.Error);
        Assert.True(half.ExitCode == 0, half.Error);
        using var fullJson = System.Text.Json.JsonDocument.Parse(full.Output);
        using var halfJson = System.Text.Json.JsonDocument.Parse(half.Output);
        var (a, b) = (fullJson.RootElement, halfJson.RootElement);
        Assert.Equal(crops, b.GetProperty("chromosomes").GetInt32());
        Assert.Equal(a.GetProperty("accuracy_assigned").GetDouble(), b.GetProperty("accuracy_assigned").GetDouble(), 1.0 / crops + 1e-9);
        Assert.Equal(0, b.GetProperty("prefetch_chunks").GetInt32());
        Assert.Equal(2, a.GetProperty("prefetch_chunks").GetInt32());
        Assert.True(b.GetProperty("stage_seconds").GetProperty("forward").GetDouble() > 0, half.Output);
    }

    [Fact]
    public async Task Run_with_an_ensemble_of_two_files_stores_both_versions_and_calibrate_refuses_it()
    {
        var (manifest, cells, _) = WritePki3Manifest(cellCount: 2);
        var shipped = Path.Combine(AppContext.BaseDirectory, "models");
        File.Copy(Path.Combine(shipped, "default.cfm"), Path.Combine(folder, "gband.cfm"));
        File.Copy(Path.Combine(shipped, "qband-bioimlab.cfm"), Path.Combine(folder, "second.cfm"));
        var relabel = await Cli.RunAsync("models", "set-stain", Path.Combine(folder, "second.cfm"), "--stain", "G-band");
        var output = Path.Combine(folder, "out");

        // Relative members, as an operator types them in the folder that holds them.
        var start = Cli.StartInfo("run", manifest, "--out", output, "--model", "gband.cfm,second.cfm");
        start.WorkingDirectory = folder;
        var run = await Cli.RunAsync(start);
        var calibrate = await Cli.RunAsync("calibrate", "--model", $"{Path.Combine(folder, "gband.cfm")},{Path.Combine(folder, "second.cfm")}", "--data", manifest);

        Assert.True(relabel.ExitCode == 0, relabel.Error);
        Assert.True(run.ExitCode == 0, run.Error);
        await using var db = Open(output);
        var versions = await db.CellResults.Select(r => r.ModelVersion).Distinct().ToListAsync();
        var version = Assert.Single(versions);
        Assert.Equal(2, version.Split('+').Length);
        Assert.Equal(cells, await db.CellResults.CountAsync());
        Assert.Equal(2, calibrate.ExitCode);
        Assert.Contains("an ensemble", calibrate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_calls_the_aneuploid_val_cells_that_the_naive_redistribution_hides()
    {
        // Cells whose labels are not 46,XX or 46,XY: Pki-3 val holds trisomies 21 and 13, 47,XXX and lost chromosomes.
        var (manifest, cells, _) = WritePki3Manifest(int.MaxValue, labels => !IsNormal(labels));
        var reportFolder = Path.Combine(folder, "report");

        var result = await Cli.RunAsync("evaluate", "--data", manifest, "--json", "--report", reportFolder);

        Assert.True(result.ExitCode == 0, result.Error);
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(cells, root.GetProperty("abnormal_cells").GetInt32());
        Assert.Equal(0, root.GetProperty("normal_cells").GetInt32());
        Assert.True(root.GetProperty("abnormal_cells_detected").GetDouble() >= 0.5, result.Output);
        Assert.True(root.GetProperty("karyotype_exact").GetDouble() > root.GetProperty("karyotype_exact_forced_46").GetDouble(), result.Output);
        Assert.True(root.GetProperty("assignment_ms_per_cell").GetDouble() > 0);
        var calls = File.ReadAllLines(Path.Combine(reportFolder, "karyotype-calls.csv"));
        Assert.Equal(cells + 1, calls.Length);
    }

    [Fact]
    public async Task Priors_fitted_on_a_manifest_are_used_by_evaluate_and_a_missing_priors_file_is_named()
    {
        var (manifest, _, _) = WritePki3Manifest(cellCount: 2);
        var priors = Path.Combine(folder, "priors.json");

        var fit = await Cli.RunAsync("priors", "fit", "--data", manifest, "--out", priors, "--version", "two-cells");
        var evaluate = await Cli.RunAsync("evaluate", "--data", manifest, "--json", "--priors", priors);
        var missing = await Cli.RunAsync("evaluate", "--data", manifest, "--json", "--priors", Path.Combine(folder, "absent.json"));

        Assert.True(fit.ExitCode == 0, fit.Error);
        Assert.True(evaluate.ExitCode == 0, evaluate.Error);
        using var json = System.Text.Json.JsonDocument.Parse(evaluate.Output);
        Assert.Equal("two-cells", json.RootElement.GetProperty("priors_version").GetString());
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("absent.json", Assert.Single(missing.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_image_fails_its_own_cell_and_the_others_complete()
    {
        var input = Directory.CreateDirectory(Path.Combine(folder, "case-a")).FullName;
        File.Copy(SharedData.File("metaphase-mfish/0im.png"), Path.Combine(input, "0im.png"));
        File.Copy(SharedData.File("metaphase-mfish/3im.png"), Path.Combine(input, "3im.png"));
        var bytes = await File.ReadAllBytesAsync(SharedData.File("metaphase-mfish/12im.png"));
        await File.WriteAllBytesAsync(Path.Combine(input, "broken.png"), bytes[..3000]);
        var output = Path.Combine(folder, "out");

        // DAPI spreads: --model auto sends them to a fluorescence model (the default G-band model refuses them).
        var result = await Cli.RunAsync("run", input, "--out", output, "--model", "auto");

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
    public async Task Under_a_pseudonym_key_run_writes_no_patient_id_to_its_database_or_tables()
    {
        var (manifest, cells, _) = WritePki3Manifest(cellCount: 2);
        var patients = File.ReadLines(manifest).Skip(1).Select(l => l.Split(',')[1]).Distinct().ToList();
        var output = Path.Combine(folder, "out");
        var start = Cli.StartInfo("run", manifest, "--out", output);
        start.Environment["CHROMOFARM_PRIVACY__PSEUDONYMKEY"] = "a-lab-key-that-is-long-enough-0123456789";
        start.Environment["NO_COLOR"] = "1";

        var result = await Cli.RunAsync(start);

        Assert.True(result.ExitCode == 0, result.Error);
        await using (var db = Open(output))
        {
            Assert.Equal(cells, await db.Cells.CountAsync());
            Assert.All(await db.Cases.ToListAsync(), c => Assert.Matches("^p-[a-z2-7]{16}$", c.CaseKey));
        }

        SqliteConnection.ClearAllPools();
        // Neither the SQLite file nor any table written beside it holds a patient's number in any form.
        foreach (var file in Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var patient in patients)
            {
                Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(patient)) < 0, $"{file} holds {patient}");
            }
        }
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
        var entries = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["dapi-mfish.cfm", "default.cfm", "gband-seed2.cfm", "gband-seed3.cfm", "qband-bioimlab.cfm"], entries.Select(e => Path.GetFileName(e.GetProperty("file").GetString())));
        Assert.Equal(["DAPI", "G-band", "G-band", "G-band", "Q-band"], entries.Select(e => e.GetProperty("metadata").GetProperty("stain").GetString()));
        var metadata = entries[1].GetProperty("metadata");
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

    private static bool IsNormal(IEnumerable<string> labels) =>
        Karyotyping.Karyotype.FromLabels(labels.Select(Domain.ChromosomeClass.Parse)).IsNormal;

    // A manifest of the first val cells (optionally only those whose labels match) with absolute paths, so the crops
    // are read in place from ../shared/data.
    private (string Path, int Cells, int Crops) WritePki3Manifest(int cellCount, Func<IEnumerable<string>, bool>? where = null)
    {
        var source = SharedData.File("pki3/manifest.csv");
        var rows = File.ReadLines(source).Skip(1).Select(l => l.Split(',')).Where(f => f[4] == "val").ToList();
        var cells = rows.GroupBy(f => f[2])
            .Where(cell => where?.Invoke(cell.Select(f => f[3])) ?? true)
            .Select(cell => cell.Key)
            .Take(cellCount)
            .ToHashSet();
        var chosen = rows.Where(f => cells.Contains(f[2])).ToList();
        var pki3 = System.IO.Path.GetDirectoryName(source)!;
        var path = System.IO.Path.Combine(folder, "manifest.csv");
        File.WriteAllLines(path, chosen.Select(f => string.Join(',', System.IO.Path.Combine(pki3, f[0]), f[1], f[2], f[3], f[4])).Prepend("path,patient,cell,label,split"));
        return (path, cells.Count, chosen.Count);
    }
}
