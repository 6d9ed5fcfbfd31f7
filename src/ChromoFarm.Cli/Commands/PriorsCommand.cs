using System.CommandLine;
using System.Globalization;
using ChromoFarm.Datasets;
using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm priors fit|show`: the copy-number priors of the per-cell assignment.</summary>
internal static class PriorsCommand
{
    public static Command Create() => new("priors", "Fit or show the copy-number priors the per-cell assignment uses") { Fit(), Show() };

    private static Command Fit()
    {
        var data = new Option<FileInfo>("--data") { Description = "Dataset manifest CSV with whole cells", Required = true };
        var splits = new Option<string[]>("--split") { Description = "Splits to fit on (repeat; default: all cells)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the priors JSON", Required = true };
        var version = new Option<string?>("--version") { Description = "Version recorded with every result (default: manifest folder, splits and date)" };
        var command = new Command("fit", "Fit per-autosome copy-number and sex-complement priors on labelled cells") { data, splits, output, version };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            var manifest = DatasetManifest.Load(parse.GetValue(data)!.FullName);
            var chosen = parse.GetValue(splits) is { Length: > 0 } s ? s : [];
            var cells = (chosen.Length == 0 ? manifest.Cells : chosen.SelectMany(manifest.CellsOf)).ToList();
            if (cells.Count == 0)
            {
                throw new UsageException($"{manifest.Path}: no cells in split(s) {string.Join(", ", chosen)}");
            }

            var now = DateTimeOffset.UtcNow;
            var name = Path.GetFileName(Path.GetDirectoryName(manifest.Path)) ?? "data";
            var provenance = new PriorsProvenance(
                parse.GetValue(version) ?? $"{name}-{(chosen.Length == 0 ? "all" : string.Join('-', chosen))}-{now:yyyyMMdd}",
                $"{name}/{Path.GetFileName(manifest.Path)}",
                chosen,
                cells.Count,
                now);
            var priors = CopyNumberPriors.Fit(cells.Select(c => (IReadOnlyList<ChromosomeClass>)c.Crops.Select(e => e.Label).ToList())) with { Provenance = provenance };
            var path = parse.GetValue(output)!.FullName;
            File.WriteAllText(path, CopyNumberPriorsFile.ToJson(priors) + "\n");
            Console.Error.WriteLine($"chromofarm: priors {provenance.Version} fitted on {cells.Count} cells written to {path}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Show()
    {
        var priors = CommonOptions.Priors();
        var command = new Command("show", "Print the priors as the odds of a loss or gain per autosome and of each sex complement") { priors };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            var loaded = CopyNumberPriorsFile.Load(parse.GetValue(priors)?.FullName);
            AnsiConsole.MarkupLineInterpolated($"copy-number priors [bold]{loaded.Version}[/]{(loaded.Provenance is { } source ? $" fitted on {source.Cells} cells of {source.Data}" : string.Empty)}");
            var autosomes = new Table().AddColumns("chromosome", "P(1 copy)", "P(2)", "P(3)", "3rd copy costs (nats)");
            foreach (var autosome in ChromosomeClass.All.Where(c => c.IsAutosome))
            {
                var row = loaded.Autosomes[autosome.Index];
                autosomes.AddRow(autosome.Label, Percent(row[1]), Percent(row[2]), Percent(row[3]), loaded.AutosomeSlotCosts(autosome)[2].ToString("0.0", CultureInfo.InvariantCulture));
            }

            var sex = new Table().AddColumns("sex chromosomes", "P");
            foreach (var ((x, y), p) in loaded.SexComplements.OrderByDescending(p => p.Value))
            {
                sex.AddRow(new string('X', x) + new string('Y', y), Percent(p));
            }

            AnsiConsole.Write(autosomes);
            AnsiConsole.Write(sex);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static string Percent(double p) => (p * 100).ToString(p < 0.001 ? "0.000" : "0.0", CultureInfo.InvariantCulture) + "%";
}
