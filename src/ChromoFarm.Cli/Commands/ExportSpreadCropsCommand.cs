using System.CommandLine;
using ChromoFarm.Training.Segmentation;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm export-spread-crops --data MFISH_DIR --out DIR`: a trainable crop dataset from class-labelled spreads.</summary>
internal static class ExportSpreadCropsCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder of M-FISH Nim.png/Ngt.png pairs (class-labelled spreads)", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the crops and manifest.csv (train: tuning spreads, val: the held-out quarter)", Required = true };
        var command = new Command("export-spread-crops", "Cut the labelled chromosomes of annotated spreads into a crop dataset for `chromofarm train`") { data, output };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            var set = SpreadSet.Open(parse.GetValue(data)!.FullName);
            var folder = parse.GetValue(output)!.FullName;
            var summary = AnsiConsole.Progress().Start(context =>
            {
                var task = context.AddTask("cut spreads", maxValue: set.Spreads.Count);
                return SpreadCropExport.Write(set, folder, new Progress<int>(done => task.Value = done));
            });
            AnsiConsole.MarkupLineInterpolated(
                $"{summary.Spreads} spreads: [bold]{summary.TrainCrops}[/] train and [bold]{summary.ValCrops}[/] val crops; {summary.SkippedMerged} single-component autosomes skipped (touching homologues or a lost one)");
            AnsiConsole.MarkupLineInterpolated($"manifest: {Path.Combine(folder, "manifest.csv")}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
