using ChromoFarm.Results;
using ChromoFarm.Results.Entities;
using ChromoFarm.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.EndToEnd.Tests;

/// <summary>Hostile input, tried systematically through `chromofarm run`: each bad file fails its own cell or the
/// command with one line, nothing crashes, and the good cells of the same batch are analysed.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-hostile-").FullName;

    [Fact]
    public async Task Every_bad_image_ends_its_own_cell_with_one_line_naming_it_and_the_good_spread_is_analysed()
    {
        var input = Directory.CreateDirectory(Path.Combine(folder, "case-h")).FullName;
        var names = HostileFiles.Write(input);
        File.Copy(SharedData.File("metaphase-mfish/0im.png"), Path.Combine(input, "0im.png"));
        var output = Path.Combine(folder, "out");

        var result = await Cli.RunAsync("run", input, "--out", output, "--model", "auto");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("Unhandled exception", result.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S+\(", result.Error);
        await using var db = new ResultsDbContext(ResultsDatabase.Sqlite(Path.Combine(output, "results.db")));
        var cells = await db.Cells.Include(c => c.Results).ToListAsync();
        Assert.Equal(names.Count + 1, cells.Count);
        var good = Assert.Single(cells, c => c.CellKey == "0im");
        Assert.Equal(CellStatus.Completed, good.Status);
        Assert.InRange(Assert.Single(good.Results).ChromosomeCount, 30, 70);
        // truncated.png, truncated.tiff, …: files of a case that share a name keep their extension as cell id.
        string CellOf(string name) =>
            names.Count(n => Path.GetFileNameWithoutExtension(n) == Path.GetFileNameWithoutExtension(name)) > 1 ? name : Path.GetFileNameWithoutExtension(name);
        foreach (var name in names)
        {
            var cell = Assert.Single(cells, c => c.CellKey == CellOf(name));
            // A file that decodes (16-bit or colour TIFF, a flip inside pixel data) is analysed or refused by the input
            // gate; either way it is final, and a failure is one line naming the file.
            Assert.True(cell.Status is CellStatus.Completed or CellStatus.Failed, $"{name}: {cell.Status}");
            if (cell.Status == CellStatus.Failed)
            {
                Assert.Contains(name, cell.Error, StringComparison.Ordinal);
                Assert.DoesNotContain('\n', cell.Error!);
            }
        }

        foreach (var refused in new[] { "truncated.png", "forged-size.png", "truncated.bmp", "forged-size.bmp", "empty.png", "notes.png" })
        {
            Assert.Equal(CellStatus.Failed, cells.Single(c => c.CellKey == CellOf(refused)).Status);
        }

        // The failures are in results.csv with their reasons too.
        var csv = await File.ReadAllLinesAsync(Path.Combine(output, "results.csv"));
        Assert.Contains(csv, l => l.Contains("forged-size.png", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Train_refuses_a_negative_patience_in_one_line_before_reading_anything()
    {
        var result = await Cli.RunAsync("train", "--data", Path.Combine(folder, "absent.csv"), "--out", Path.Combine(folder, "m.cfm"), "--patience", "-1");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("chromofarm: --patience must be 0 (train every epoch) or more, not -1", line);
    }

    [Theory]
    [InlineData("path,patient,cell,label\n", "header lacks column(s) split")]
    [InlineData("path,patient,cell,label,split\nx.tif,p,c,23,val\n", ":2: label '23' is not 1..22, X or Y")]
    [InlineData("path,patient,cell,label,split\nx.tif,p,c,1,val\nx.tif,p,c,1,val\n", ":3: x.tif is already in cell c (line 2)")]
    [InlineData("path,patient,cell,label,split\nx\0.tif,p,c,1,val\n", ":2: NUL byte in the line")]
    public async Task A_bad_manifest_stops_the_command_with_one_line_naming_file_and_line(string text, string reason)
    {
        var manifest = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(manifest, text);

        var result = await Cli.RunAsync("run", manifest, "--out", Path.Combine(folder, "out"));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"chromofarm: {manifest}", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_row_pointing_outside_its_folder_at_a_non_image_fails_only_its_cell()
    {
        var cases = Directory.CreateDirectory(Path.Combine(folder, "lab", "manifests")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "lab", "notes.txt"), "not an image");
        var source = SharedData.File("pki3/manifest.csv");
        var good = File.ReadLines(source).Skip(1).Select(l => l.Split(',')).Where(f => f[2] == "97002023.12")
            .Select(f => $"{Path.Combine(Path.GetDirectoryName(source)!, f[0])},{f[1]},{f[2]},{f[3]},val");
        var manifest = Path.Combine(cases, "manifest.csv");
        await File.WriteAllLinesAsync(manifest, ["path,patient,cell,label,split", .. good, "../notes.txt,p9,escaped,1,val"]);
        var output = Path.Combine(folder, "out");

        var result = await Cli.RunAsync("run", manifest, "--out", output);

        Assert.Equal(2, result.ExitCode);
        await using var db = new ResultsDbContext(ResultsDatabase.Sqlite(Path.Combine(output, "results.db")));
        var cells = await db.Cells.ToListAsync();
        Assert.Equal(CellStatus.Completed, cells.Single(c => c.CellKey == "97002023.12").Status);
        var escaped = cells.Single(c => c.CellKey == "escaped");
        Assert.Equal(CellStatus.Failed, escaped.Status);
        Assert.Contains("notes.txt", escaped.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
