using System.CommandLine;
using System.Text.Json;
using ChromoFarm.Datasets;
using ChromoFarm.Native;
using ChromoFarm.Training;
using ChromoFarm.Worker.Classification;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm evaluate --model MODEL --data MANIFEST [--split NAME] --json`.</summary>
internal static class EvaluateCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var model = CommonOptions.Model();
        var data = new Option<FileInfo>("--data") { Description = "Dataset manifest CSV", Required = true };
        var split = new Option<string?>("--split") { Description = "Evaluate only this split (default: all cells)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var device = CommonOptions.Device(ComputeDevice.Auto);
        var threads = CommonOptions.Threads();
        var command = new Command("evaluate", "Measure a model on labelled cells: accuracy argmax and after per-cell assignment, karyotypes, throughput")
        {
            model, data, split, json, device, threads,
        };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            NativeCore.SetThreads(parse.GetValue(threads));
            var manifest = DatasetManifest.Load(parse.GetValue(data)!.FullName);
            var splitName = parse.GetValue(split);
            var cells = manifest.CellsOf(splitName);
            if (cells.Count == 0)
            {
                throw new UsageException($"{manifest.Path}: no cells in split '{splitName}'");
            }

            using var loaded = ChromosomeModel.Load(DefaultModel.Resolve(parse.GetValue(model)), parse.GetValue(device));
            var preparation = new CellPreparation(new MetaphaseSegmenter());
            EvaluationReport report;
            if (parse.GetValue(json))
            {
                report = ClassifierEvaluation.Run(loaded, cells, splitName, preparation);
                Console.WriteLine(JsonSerializer.Serialize(report));
                return Task.FromResult(ExitCodes.Ok);
            }

            report = AnsiConsole.Progress().Start(context =>
            {
                var task = context.AddTask("evaluate", maxValue: cells.Count);
                return ClassifierEvaluation.Run(loaded, cells, splitName, preparation, done => task.Value = done);
            });
            var table = new Table().AddColumns("metric", "value");
            foreach (var property in JsonSerializer.SerializeToElement(report, Indented).EnumerateObject())
            {
                table.AddRow(property.Name, property.Value.ToString());
            }

            AnsiConsole.Write(table);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
