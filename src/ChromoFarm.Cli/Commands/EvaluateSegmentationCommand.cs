using System.CommandLine;
using System.Text.Json;
using ChromoFarm.Datasets;
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
        var data = new Option<FileSystemInfo>("--data")
        {
            Description = "Folder of labelme JSON files or of M-FISH Nim.png/Ngt.png pairs; or a Pki-3 manifest CSV, whose cells become synthetic spreads",
            Required = true,
        };
        var touching = new Option<double>("--touching") { Description = "Synthetic: fraction of chromosomes placed touching another (0..1)" };
        var overlap = new Option<double>("--overlap") { Description = "Synthetic: fraction of chromosomes placed overlapping another (0..1)" };
        var split = new Option<string?>("--split") { Description = "Synthetic: cells of this manifest split (default: val)", DefaultValueFactory = _ => "val" };
        var cells = new Option<int>("--cells") { Description = "Synthetic: number of cells, one spread each", DefaultValueFactory = _ => 20 };
        var seed = new Option<ulong>("--seed") { Description = "Synthetic: seed of the first spread", DefaultValueFactory = _ => 1 };
        var curve = new Option<FileInfo?>("--curve")
        {
            Description = "Synthetic: sweep touching and overlap rates 0..0.5 (the other held at 0), print a JSON array, and draw the scores against the rates to this PNG",
        };
        var write = new Option<DirectoryInfo?>("--write") { Description = "Synthetic: also write each spread as labelme JSON + PNG to this folder" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var segmenterKind = CommonOptions.Segmenter(perImage: false);
        var segmenterModel = CommonOptions.SegmenterModel();
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
            data, json, segmenterKind, segmenterModel, model, priors, threads, touching, overlap, split, cells, seed, write, curve,
        };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            var threadCount = parse.GetValue(threads);
            NativeCore.SetThreads(threadCount);
            var input = parse.GetValue(data)!;
            using var network = CommonOptions.LoadSegmenter(parse.GetValue(segmenterKind)!, parse.GetValue(segmenterModel));
            var segmenter = new MetaphaseSegmenter(network: network);
            if (parse.GetValue(curve) is { } picture)
            {
                if (input is not FileInfo { Exists: true } sweepManifest)
                {
                    throw new UsageException($"--curve needs --data to be a Pki-3 manifest CSV, got {input.FullName}");
                }

                var sweepCells = SyntheticCells(sweepManifest, parse.GetValue(split), parse.GetValue(cells));
                return Task.FromResult(Sweep(segmenter, sweepCells, parse.GetValue(seed), threadCount, picture));
            }

            SpreadSet set;
            try
            {
                set = input is FileInfo { Exists: true } manifest
                    ? SpreadSet.Generated(SyntheticCells(manifest, parse.GetValue(split), parse.GetValue(cells)), new SyntheticSpreadOptions
                    {
                        TouchingRate = parse.GetValue(touching),
                        OverlapRate = parse.GetValue(overlap),
                        Seed = parse.GetValue(seed),
                    })
                    : SpreadSet.Open(input.FullName);
            }
            catch (Exception e) when (e is SpreadAnnotationException or ArgumentException)
            {
                throw new UsageException(e.Message);
            }

            if (parse.GetValue(write) is { } folder)
            {
                set = WrittenAsLabelme(set, folder.FullName);
            }

            // Only sets whose truth has classes can be scored end to end.
            using var classifier = set.Kind is SpreadSet.Mfish or SpreadSet.Synthetic ? LoadClassifier(set.Kind, parse.GetValue(model)) : null;
            var evaluation = new SegmentationEvaluation(segmenter, classifier,
                new KaryotypeCaller(CopyNumberPriorsFile.Load(parse.GetValue(priors)?.FullName)));

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

    private static readonly double[] SweepRates = [0, 0.1, 0.2, 0.3, 0.4, 0.5];

    private static int Sweep(MetaphaseSegmenter segmenter, IReadOnlyList<ManifestCell> cells, ulong seed, int threads, FileInfo picture)
    {
        var evaluation = new SegmentationEvaluation(segmenter);
        var failures = new List<string>();
        var touching = new List<(double, SegmentationReport)>();
        var overlapping = new List<(double, SegmentationReport)>();
        var runs = new List<object>();
        // Progress on stderr: stdout carries the JSON.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress().Start(context =>
        {
            var task = context.AddTask("sweep", maxValue: 2 * SweepRates.Length);
            foreach (var rate in SweepRates)
            {
                var touch = evaluation.Run(SpreadSet.Generated(cells, new SyntheticSpreadOptions { TouchingRate = rate, Seed = seed }), failures, threads);
                touching.Add((rate, touch));
                runs.Add(new { touching_rate = rate, overlap_rate = 0.0, report = touch });
                task.Increment(1);
                var cross = evaluation.Run(SpreadSet.Generated(cells, new SyntheticSpreadOptions { OverlapRate = rate, Seed = seed }), failures, threads);
                overlapping.Add((rate, cross));
                runs.Add(new { touching_rate = 0.0, overlap_rate = rate, report = cross });
                task.Increment(1);
            }
        });
        File.WriteAllBytes(picture.FullName, ContactCurvePicture.Render(touching, overlapping));
        Console.WriteLine(JsonSerializer.Serialize(runs));
        Console.Error.WriteLine($"chromofarm: curve written to {picture.FullName}");
        failures.ForEach(f => Console.Error.WriteLine($"chromofarm: {f}"));
        return failures.Count == 0 ? ExitCodes.Ok : ExitCodes.WorkFailed;
    }

    // The first `count` cells of the split, one synthetic spread each.
    private static ManifestCell[] SyntheticCells(FileInfo manifestFile, string? split, int count)
    {
        var manifest = DatasetManifest.Load(manifestFile.FullName);
        var chosen = manifest.CellsOf(split).Take(count).ToArray();
        if (chosen.Length == 0 || count <= 0)
        {
            throw new UsageException($"{manifest.Path}: no cells in split '{split}' to build spreads from");
        }

        return chosen;
    }

    // Each spread is written as it is evaluated, so a large set never sits in memory.
    private static SpreadSet WrittenAsLabelme(SpreadSet set, string folder)
    {
        Directory.CreateDirectory(folder);
        return set with
        {
            Spreads = set.Spreads.Select(s => s with
            {
                Load = () =>
                {
                    var spread = s.Load();
                    LabelmeWriter.Write(spread, folder);
                    return spread;
                },
            }).ToArray(),
        };
    }

    /// <summary>
    /// `--model` (or $CHROMOFARM_MODEL), else the shipped model of the set's stain: DAPI for M-FISH, the G-band
    /// ensemble for spreads composed from Pki-3 crops. A G-band model on DAPI spreads would score the stain mismatch.
    /// </summary>
    private static ChromosomeModel LoadClassifier(string kind, FileInfo? model)
    {
        if (model is not null || kind != SpreadSet.Mfish || Environment.GetEnvironmentVariable("CHROMOFARM_MODEL") is { Length: > 0 })
        {
            return ChromosomeModel.Load(DefaultModel.Resolve(model), ComputeDevice.Cpu);
        }

        foreach (var file in Directory.EnumerateFiles(DefaultModel.Folder, "*.cfm").Order(StringComparer.Ordinal))
        {
            var candidate = ChromosomeModel.Load(file, ComputeDevice.Cpu);
            if (candidate.Info.TrainedStain == Screening.Stain.Dapi)
            {
                return candidate;
            }

            candidate.Dispose();
        }

        throw new UsageException($"{DefaultModel.Folder}: no shipped DAPI model to score M-FISH spreads end to end; pass --model FILE");
    }
}
