using System.CommandLine;
using System.Text.Json;
using ChromoFarm.Karyotyping;
using ChromoFarm.Native;
using ChromoFarm.Training.Segmentation;
using ChromoFarm.Worker.Classification;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm evaluate-segmentation --data DIR [--json]`: instance scores against annotated metaphases.</summary>
internal static class EvaluateSegmentationCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "Folder of labelme JSON files, or of M-FISH Nim.png/Ngt.png pairs", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var model = CommonOptions.Model();
        var priors = CommonOptions.Priors();
        var threads = new Option<int>("--threads")
        {
            Description = "Threads for the native core; segmentation is timed with these (default 1: the per-core budget)",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("evaluate-segmentation",
            "Measure segmentation against annotated metaphases: instance precision, recall and F1 at IoU 0.5, merges, splits, seconds per image; with class labels (M-FISH) also the end-to-end fraction segmented and classified correctly")
        {
            data, json, model, priors, threads,
        };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            var threadCount = parse.GetValue(threads);
            NativeCore.SetThreads(threadCount);
            SpreadSet set;
            try
            {
                set = SpreadSet.Open(parse.GetValue(data)!.FullName);
            }
            catch (SpreadAnnotationException e)
            {
                throw new UsageException(e.Message);
            }

            var evaluation = new SegmentationEvaluation(new MetaphaseSegmenter(), "classical");
            using var classifier = set.Kind == SpreadSet.Mfish
                ? ChromosomeModel.Load(DefaultModel.Resolve(parse.GetValue(model)), ComputeDevice.Cpu)
                : null;
            if (classifier is not null)
            {
                evaluation.WithClassifier(classifier, new KaryotypeCaller(CopyNumberPriorsFile.Load(parse.GetValue(priors)?.FullName)));
            }

            var failures = new List<string>();
            SegmentationReport report;
            if (parse.GetValue(json))
            {
                report = evaluation.Run(set, failures, threadCount);
                Console.WriteLine(JsonSerializer.Serialize(report));
            }
            else
            {
                report = AnsiConsole.Progress().Start(context =>
                {
                    var task = context.AddTask("segment", maxValue: set.Spreads.Count);
                    return evaluation.Run(set, failures, threadCount, done => task.Value = done);
                });
                var table = new Table().AddColumns("metric", "value");
                foreach (var property in JsonSerializer.SerializeToElement(report).EnumerateObject())
                {
                    table.AddRow(property.Name, Markup.Escape(property.Value.ToString()));
                }

                AnsiConsole.Write(table);
            }

            failures.ForEach(f => Console.Error.WriteLine($"chromofarm: {f}"));
            return Task.FromResult(failures.Count == 0 ? ExitCodes.Ok : ExitCodes.WorkFailed);
        }));
        return command;
    }
}
