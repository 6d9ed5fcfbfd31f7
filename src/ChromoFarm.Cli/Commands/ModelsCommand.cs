using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChromoFarm.Models;
using ChromoFarm.Native;
using ChromoFarm.Screening;
using ChromoFarm.Worker.Classification;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm models list [PATH...] [--json]`: the registry record inside each model file; `models set-stain MODEL --stain S`.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Model files or folders (default: the shipped models folder)", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of the models' metadata" };
        var list = new Command("list", "Show version, architecture, training data and metrics of model files") { paths, json };
        list.SetAction((parse, _) => CommandErrors.Guard(() => Task.FromResult(List(parse.GetValue(paths) ?? [], parse.GetValue(json)))));
        var file = new Argument<FileInfo>("model") { Description = "ChromoFarm model file (.cfm), rewritten in place" };
        var stain = CommonOptions.Stain(required: true);
        var setStain = new Command("set-stain", "Record the stain of a model's training images, so that the farm refuses cells of another stain") { file, stain };
        setStain.SetAction((parse, _) => CommandErrors.Guard(() => Task.FromResult(SetStain(parse.GetValue(file)!.FullName, parse.GetValue(stain)))));
        return new Command("models", "Inspect model files and record their stain") { list, setStain };
    }

    private static int List(string[] paths, bool json)
    {
        var files = (paths.Length == 0 ? [DefaultModel.Folder] : paths).SelectMany(Expand).ToArray();
        var models = new List<(string File, ModelInfo Info)>();
        var failed = false;
        foreach (var file in files)
        {
            try
            {
                using var model = ChromosomeModel.Load(file, ComputeDevice.Cpu);
                models.Add((file, model.Info));
            }
            catch (NativeException error)
            {
                Console.Error.WriteLine($"chromofarm: {error.Message}");
                failed = true;
            }
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(models.Select(m => new { file = m.File, metadata = JsonDocument.Parse(m.Info.ToJson()).RootElement })));
        }
        else
        {
            // One block per model: versions and architectures are too long for the columns of an 80-column table.
            foreach (var (file, info) in models)
            {
                var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadLeft(2).PadRight(2)).AddColumn();
                grid.AddRow("version", Markup.Escape(info.Version));
                grid.AddRow("architecture", Markup.Escape(info.Architecture));
                grid.AddRow("stain", info.Stain is { } recorded ? Markup.Escape(recorded) : "not recorded (the input screen cannot check it)");
                grid.AddRow("input", Input(info.Preprocessing));
                grid.AddRow("trained on", Markup.Escape(info.Training is { } t
                    ? string.Create(CultureInfo.InvariantCulture, $"{t.Data} {t.Split}: {t.Cells} cells, {t.Chromosomes} crops; best epoch {t.BestEpoch} of {t.Epochs}; seed {t.Seed}; {t.Seconds:0} s")
                    : "-"));
                grid.AddRow("metrics", Markup.Escape(string.Join(", ", info.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:0.0000}")))));
                grid.AddRow("calibration", Markup.Escape(info.Calibration is { } c
                    ? string.Create(CultureInfo.InvariantCulture, $"temperature {c.Temperature:0.###} fitted on {c.FittedOn} (expected calibration error {c.ErrorBefore:0.000} -> {c.ErrorAfter:0.000})")
                    : "none"));
                grid.AddRow("created", info.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
                AnsiConsole.MarkupLineInterpolated($"[bold]{file}[/]");
                AnsiConsole.Write(grid);
            }
        }

        return failed ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    // The weights and the version stay: results already stored under this version remain this model's.
    private static int SetStain(string path, Stain stain)
    {
        using var model = ChromosomeModel.Load(path, ComputeDevice.Cpu);
        if (model.IsEnsemble)
        {
            throw new ModelFileException($"{path}: an ensemble is several files; set the stain of each member");
        }

        if (model.Classifier.IsTorchScript)
        {
            throw new ModelFileException($"{path}: a TorchScript model's stain goes in its sidecar (\"stain\": \"{stain.Name()}\" in {TorchScriptSidecar.PathFor(path)})");
        }

        model.Classifier.Metadata = (model.Info with { Stain = stain.Name() }).ToJson();
        model.Classifier.Save(path);
        AnsiConsole.MarkupLineInterpolated($"[green]{path}[/]: stain {stain.Name()} ({model.Version})");
        return ExitCodes.Ok;
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".cfm", StringComparison.Ordinal) || TorchScriptSidecar.Exists(f)).Order(StringComparer.Ordinal)
        : File.Exists(path) ? [path]
        : throw new FileNotFoundException($"{path}: no such model file or folder", path);

    private static string Input(PreprocessingInfo p) => string.Create(
        CultureInfo.InvariantCulture,
        $"{p.Canvas} px canvas, {(p.Fit ? "each crop resized to fill it" : $"cell median drawn {p.ReferenceLength} px")}{(p.Orient ? ", long axis turned vertical" : "")}");

    private static string Metric(ModelInfo info, string name) =>
        info.Metrics.TryGetValue(name, out var value) ? value.ToString("P2", CultureInfo.InvariantCulture) : "-";
}
