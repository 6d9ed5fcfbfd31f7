using System.CommandLine;
using System.Text.Json;
using ChromoFarm.Datasets;
using ChromoFarm.Karyotyping;
using ChromoFarm.Native;
using ChromoFarm.Training;
using ChromoFarm.Worker.Classification;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm evaluate --model MODEL --data MANIFEST [--split NAME] --json`.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var data = new Option<FileInfo>("--data") { Description = "Dataset manifest CSV", Required = true };
        var split = new Option<string?>("--split") { Description = "Evaluate only this split (default: all cells)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var report = new Option<DirectoryInfo?>("--report") { Description = "Also write confusion matrices (PNG), per-class scores, worst cells and calibration to this folder" };
        var tta = CommonOptions.TestTimeAugmentation();
        var priors = CommonOptions.Priors();
        var device = CommonOptions.Device(ComputeDevice.Auto);
        var threads = CommonOptions.Threads();
        var precision = CommonOptions.Precision();
        var prefetch = new Option<int>("--prefetch")
        {
            Description = "Chunks of 24 cells decoded ahead of the forward pass, in parallel (0: decode and classify in turn, for profiles)",
            DefaultValueFactory = _ => new EvaluationSettings().PrefetchChunks,
        };
        var command = new Command("evaluate", "Measure a model on labelled cells: accuracy argmax and after per-cell assignment, karyotype calls, throughput")
        {
            model, data, split, json, report, tta, priors, device, threads, precision, prefetch,
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

            if (parse.GetValue(prefetch) < 0)
            {
                throw new UsageException("--prefetch must be 0 or more");
            }

            var caller = new KaryotypeCaller(CopyNumberPriorsFile.Load(parse.GetValue(priors)?.FullName));
            using var loaded = ChromosomeModel.Load(DefaultModel.Resolve(parse.GetValue(model)), parse.GetValue(device), parse.GetValue(precision));
            var preparation = new CellPreparation(new MetaphaseSegmenter());
            var details = new EvaluationDetails();
            var settings = new EvaluationSettings
            {
                Caller = caller,
                Augmentation = TestTimeAugmentations.Parse(parse.GetValue(tta)!, "--tta"),
                PrefetchChunks = parse.GetValue(prefetch),
            };
            EvaluationReport result;
            if (parse.GetValue(json))
            {
                result = ClassifierEvaluation.Run(loaded, cells, splitName, preparation, details, settings: settings);
                Console.WriteLine(JsonSerializer.Serialize(result));
            }
            else
            {
                result = AnsiConsole.Progress().Start(context =>
                {
                    var task = context.AddTask("evaluate", maxValue: cells.Count);
                    return ClassifierEvaluation.Run(loaded, cells, splitName, preparation, details, done => task.Value = done, settings);
                });
                var table = new Table().AddColumns("metric", "value");
                foreach (var property in JsonSerializer.SerializeToElement(result).EnumerateObject())
                {
                    table.AddRow(property.Name, property.Value.ToString());
                }

                AnsiConsole.Write(table);
            }

            if (parse.GetValue(report) is { } folder)
            {
                EvaluationReportWriter.Write(folder.FullName, result, details);
                // Keep stdout a single JSON object under --json; say where the report went on stderr.
                Console.Error.WriteLine($"chromofarm: report written to {folder.FullName}");
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
