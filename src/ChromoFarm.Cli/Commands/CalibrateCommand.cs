using System.CommandLine;
using ChromoFarm.Datasets;
using ChromoFarm.Models;
using ChromoFarm.Native;
using ChromoFarm.Training;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm calibrate --model MODEL --data MANIFEST [--split val]`: fit the model's temperature and store it in the file.</summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "ChromoFarm model file to calibrate (rewritten in place)", Required = true };
        var data = new Option<FileInfo>("--data") { Description = "Dataset manifest CSV with labelled cells the model was not trained on", Required = true };
        var split = new Option<string>("--split") { Description = "Split to fit on", DefaultValueFactory = _ => "val" };
        var device = CommonOptions.Device(ComputeDevice.Auto);
        var threads = CommonOptions.Threads();
        var command = new Command("calibrate", "Fit a temperature so that confidences match accuracy (argmax and assignment are unchanged)")
        {
            model, data, split, device, threads,
        };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            NativeCore.SetThreads(parse.GetValue(threads));
            var manifest = DatasetManifest.Load(parse.GetValue(data)!.FullName);
            var path = parse.GetValue(model)!.FullName;
            var calibration = Calibrate(path, manifest, parse.GetValue(split)!, parse.GetValue(device));
            AnsiConsole.MarkupLineInterpolated($"[green]calibrated[/] {path}: temperature {calibration.Temperature:0.###}, expected calibration error on {calibration.FittedOn} {calibration.ErrorBefore:0.000} -> {calibration.ErrorAfter:0.000}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>Fits on the manifest's <paramref name="split"/> with a progress bar and rewrites the model file.</summary>
    public static CalibrationInfo Calibrate(string modelPath, DatasetManifest manifest, string split, ComputeDevice device)
    {
        var cells = manifest.CellsOf(split);
        if (cells.Count == 0)
        {
            throw new UsageException($"{manifest.Path}: no cells in split '{split}' to calibrate on");
        }

        var fittedOn = $"{Path.GetFileName(Path.GetDirectoryName(manifest.Path))}/{Path.GetFileName(manifest.Path)} {split}";
        return AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask("calibrate", maxValue: cells.Count);
            return ModelCalibrator.Calibrate(modelPath, cells, fittedOn, device, done => task.Value = done);
        });
    }
}
