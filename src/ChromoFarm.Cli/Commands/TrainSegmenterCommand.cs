using System.CommandLine;
using ChromoFarm.Native;
using ChromoFarm.Training.Segmentation;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm train-segmenter --data DIR [--data DIR ...] --out FILE`: trains the learned segmenter.</summary>
internal static class TrainSegmenterCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo[]>("--data")
        {
            Description = "Annotated spreads to train on (labelme folder or M-FISH pairs), repeatable; every fourth image is held out and never read",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "Network file to write", Required = true };
        var defaults = new SegmenterTrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the tuning images", DefaultValueFactory = _ => defaults.Epochs };
        var tiles = new Option<int>("--tiles") { Description = "Tiles cut from each image per epoch", DefaultValueFactory = _ => defaults.TilesPerImage };
        var tileSize = new Option<int>("--tile-size") { Description = "Side of a training tile, px (multiple of 8)", DefaultValueFactory = _ => defaults.TileSize };
        var width = new Option<int>("--width") { Description = "Channels at full resolution", DefaultValueFactory = _ => defaults.Width };
        var learningRate = new Option<float>("--lr") { Description = "Peak learning rate (AdamW, cosine schedule)", DefaultValueFactory = _ => defaults.LearningRate };
        var unbalanced = new Option<bool>("--no-balance") { Description = "Draw tiles per image rather than giving every --data set the same share of an epoch" };
        var composed = new Option<int>("--composed")
        {
            Description = "Also train on this many fluorescence spreads composed from each M-FISH set's clean tuning chromosomes, touching and overlapping at random (a set of their own)",
        };
        var seed = new Option<ulong>("--seed") { Description = "Random seed (initialisation, tiles, augmentation)", DefaultValueFactory = _ => defaults.Seed };
        var strong = new Option<bool>("--strong-augmentation")
        {
            Description = "Also zoom (0.7-1.4), light unevenly, gamma-correct, blur and noise the tiles, for spreads unlike the tuning images",
        };
        var device = CommonOptions.Device(ComputeDevice.Cpu);
        var threads = CommonOptions.Threads();
        var command = new Command("train-segmenter",
            "Train the learned segmenter (a small U-Net: background, chromosome, contact) on annotated spreads; evaluate it with evaluate-segmentation --segmenter learned")
        {
            data, output, epochs, tiles, tileSize, width, learningRate, unbalanced, composed, seed, strong, device, threads,
        };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            NativeCore.SetThreads(parse.GetValue(threads));
            var options = defaults with
            {
                Epochs = parse.GetValue(epochs),
                TilesPerImage = parse.GetValue(tiles),
                TileSize = parse.GetValue(tileSize),
                Width = parse.GetValue(width),
                LearningRate = parse.GetValue(learningRate),
                BalanceSets = !parse.GetValue(unbalanced),
                Seed = parse.GetValue(seed),
                StrongAugmentation = parse.GetValue(strong),
            };
            var sets = WithComposed(parse.GetValue(data)!.Select(folder => SpreadSet.Open(folder.FullName)).ToArray(), parse.GetValue(composed), options.Seed);
            var outputPath = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);

            var network = AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var load = context.AddTask("loading spreads");
                    var train = context.AddTask("training", maxValue: options.Epochs);
                    return new SegmenterTraining(options).Run(sets,
                        new SynchronousProgress<SegmenterEpoch>(e =>
                        {
                            train.Value = e.Epoch;
                            train.Description = $"epoch {e.Epoch}/{e.Epochs}  loss {e.Loss:0.0000}";
                        }),
                        (done, total) =>
                        {
                            load.MaxValue = total;
                            load.Value = done;
                        },
                        parse.GetValue(device));
                });
            using (network)
            {
                network.Save(outputPath);
            }

            AnsiConsole.MarkupLineInterpolated($"[green]saved[/] {outputPath}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>The sets, each M-FISH one followed by <paramref name="count"/> spreads composed from its tuning chromosomes.</summary>
    private static SpreadSet[] WithComposed(SpreadSet[] sets, int count, ulong seed)
    {
        if (count < 0)
        {
            throw new UsageException($"--composed {count}: the number of composed spreads cannot be negative");
        }

        if (count == 0)
        {
            return sets;
        }

        if (!sets.Any(set => set.Kind == SpreadSet.Mfish))
        {
            throw new UsageException("--composed needs an M-FISH --data set: spreads are composed from its fluorescence chromosomes");
        }

        var options = new ComposedSpreadOptions { Count = count, Seed = seed };
        return sets.SelectMany(set => set.Kind == SpreadSet.Mfish ? [set, SpreadSet.ComposedFrom(set, options)] : new[] { set }).ToArray();
    }

    /// <summary>Reports on the training thread; <see cref="Progress{T}"/> would post to the thread pool.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
