using System.CommandLine;
using ChromoFarm.Datasets;
using ChromoFarm.Native;
using ChromoFarm.Training;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm train --data MANIFEST --out MODEL [--epochs N] [--device cpu|cuda] [--resume]`.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Dataset manifest CSV (path,patient,cell,label,split)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Model file to write (the best validation epoch)", Required = true };
        var defaults = new TrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs", DefaultValueFactory = _ => defaults.Epochs };
        var device = CommonOptions.Device(ComputeDevice.Cpu);
        var seed = new Option<ulong>("--seed") { Description = "Random seed (initialisation, order, augmentation)", DefaultValueFactory = _ => defaults.Seed };
        var batchSize = new Option<int>("--batch-size") { DefaultValueFactory = _ => defaults.BatchSize };
        var learningRate = new Option<float>("--lr") { Description = "Peak learning rate (AdamW, cosine schedule)", DefaultValueFactory = _ => defaults.LearningRate };
        var baseWidth = new Option<int>("--width") { Description = "Channels of the first stage", DefaultValueFactory = _ => defaults.BaseWidth };
        var blocks = new Option<int>("--blocks") { Description = "Residual blocks per stage", DefaultValueFactory = _ => defaults.BlocksPerStage };
        var canvas = new Option<int>("--canvas") { Description = "Input side in px", DefaultValueFactory = _ => defaults.Canvas };
        var referenceLength = new Option<float>("--reference-length") { Description = "Px a chromosome of its cell's median length is drawn at", DefaultValueFactory = _ => defaults.ReferenceLength };
        var orient = new Option<bool>("--orient") { Description = "Turn crops long axis vertical before augmentation (--orient false: keep them as cut)", DefaultValueFactory = _ => defaults.Orient };
        var rotation = new Option<float>("--max-rotation") { Description = "Augmentation rotation, ± degrees (180: any angle)", DefaultValueFactory = _ => defaults.MaxRotationDegrees };
        var classBalanced = new Option<bool>("--class-balanced") { Description = "Weight the loss by inverse class frequency" };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a better validation score (0: train every epoch, keep the best)", DefaultValueFactory = _ => defaults.Patience };
        var trainSplit = new Option<string>("--train-split") { DefaultValueFactory = _ => defaults.TrainSplit };
        var validationSplit = new Option<string>("--val-split") { DefaultValueFactory = _ => defaults.ValidationSplit };
        var limitCells = new Option<int>("--limit-cells") { Description = "Train on the first N cells only (quick checks)", DefaultValueFactory = _ => 0 };
        var resume = new Option<bool>("--resume") { Description = "Go on from MODEL.checkpoint/ (written after every epoch) with the same options" };
        var threads = CommonOptions.Threads();
        var stain = CommonOptions.Stain();

        var command = new Command("train", "Train a chromosome classifier on a manifest's training split")
        {
            data, output, epochs, device, seed, batchSize, learningRate, baseWidth, blocks, canvas, referenceLength, orient, rotation, patience, classBalanced, trainSplit, validationSplit, limitCells, resume, threads, stain,
        };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            if (parse.GetValue(patience) < 0)
            {
                throw new UsageException($"--patience must be 0 (train every epoch) or more, not {parse.GetValue(patience)}");
            }

            NativeCore.SetThreads(parse.GetValue(threads));
            var options = defaults with
            {
                Epochs = parse.GetValue(epochs),
                Device = parse.GetValue(device),
                Seed = parse.GetValue(seed),
                BatchSize = parse.GetValue(batchSize),
                LearningRate = parse.GetValue(learningRate),
                BaseWidth = parse.GetValue(baseWidth),
                BlocksPerStage = parse.GetValue(blocks),
                Canvas = parse.GetValue(canvas),
                ReferenceLength = parse.GetValue(referenceLength),
                Orient = parse.GetValue(orient),
                MaxRotationDegrees = parse.GetValue(rotation),
                Patience = parse.GetValue(patience),
                ClassBalanced = parse.GetValue(classBalanced),
                TrainSplit = parse.GetValue(trainSplit)!,
                ValidationSplit = parse.GetValue(validationSplit)!,
                LimitCells = parse.GetValue(limitCells),
                Stain = parse.GetValue(stain),
            };
            var manifest = DatasetManifest.Load(parse.GetValue(data)!.FullName);
            var outputPath = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);

            var info = AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context => new ClassifierTraining(options, new SpectreTrainingProgress(context)).Run(manifest, outputPath, parse.GetValue(resume)));

            AnsiConsole.MarkupLineInterpolated($"[green]saved[/] {outputPath}  version [bold]{info.Version}[/]  best epoch {info.Training!.BestEpoch}");
            foreach (var (name, value) in info.Metrics)
            {
                AnsiConsole.MarkupLineInterpolated($"  {name} = {value:0.0000}");
            }

            var calibration = CalibrateCommand.Calibrate(outputPath, manifest, options.ValidationSplit, options.Device);
            AnsiConsole.MarkupLineInterpolated($"  calibrated on {calibration.FittedOn}: temperature {calibration.Temperature:0.###}, expected calibration error {calibration.ErrorBefore:0.000} -> {calibration.ErrorAfter:0.000}");

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
