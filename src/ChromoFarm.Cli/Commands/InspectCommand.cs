using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChromoFarm.Ingest;
using ChromoFarm.Native;
using ChromoFarm.Screening;
using ChromoFarm.Worker.Classification;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm inspect IMAGE|FOLDER... [--json]`: what the input screen makes of each image, without classifying.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Metaphase images or folders of them", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per image instead of a table" };
        var segmenter = CommonOptions.Segmenter();
        var segmenterModel = CommonOptions.SegmenterModel();
        var command = new Command("inspect", "Screen images as the farm does before classifying: stain, object count, layout, and the reason an image would be refused")
        {
            paths, json, segmenter, segmenterModel,
        };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            using var network = CommonOptions.LoadSegmenter(parse.GetValue(segmenter)!, parse.GetValue(segmenterModel));
            var metaphaseSegmenter = new MetaphaseSegmenter(network: network);
            var brightfieldSegmenter = parse.GetValue(segmenter) == "auto" ? new MetaphaseSegmenter() : metaphaseSegmenter;
            var screen = new SpreadScreen();
            var files = parse.GetValue(paths)!.SelectMany(Expand).ToArray();
            var table = new Table().Border(TableBorder.Simple).AddColumns("image", "stain", "objects", "banding", "rough.", "verdict");
            var refused = 0;
            foreach (var file in files)
            {
                object row;
                try
                {
                    using var image = GreyImage.Decode(file);
                    var measured = InputScreen.Measure(image);
                    using var segmentation = (measured.Stain == Stain.GBand ? brightfieldSegmenter : metaphaseSegmenter).Segment(image);
                    var inspection = InputScreen.Screen(measured, segmentation, screen);
                    var verdict = inspection.Verdict!;
                    refused += verdict.Refused ? 1 : 0;
                    var outcome = verdict.Refusal ?? (verdict.OtherMetaphases > 0 ? $"analysed; {verdict.OtherMetaphases} other metaphase(s) set aside ({verdict.SetAside} objects)" : "analysed");
                    var s = inspection.Statistics;
                    row = new
                    {
                        image = file, stain = inspection.Stain.Name(), objects = segmentation.Count, kept = verdict.Keep.Count,
                        background = s.BackgroundLevel, light_background = s.LightBackground, foreground = s.ForegroundFraction,
                        contrast = s.Contrast, banding = s.Banding, roughness = s.Roughness, refused = verdict.Refused, verdict = outcome,
                    };
                    table.AddRow(
                        Markup.Escape(Path.GetFileName(file)), inspection.Stain.Name(),
                        segmentation.Count.ToString(CultureInfo.InvariantCulture),
                        s.Banding.ToString("0.00", CultureInfo.InvariantCulture), s.Roughness.ToString("0.00", CultureInfo.InvariantCulture),
                        verdict.Refused ? $"[red]{Markup.Escape(outcome)}[/]" : Markup.Escape(outcome));
                }
                catch (NativeException error)
                {
                    refused++;
                    row = new { image = file, refused = true, verdict = error.Message };
                    table.AddRow(Markup.Escape(Path.GetFileName(file)), "-", "-", "-", "-", $"[red]{Markup.Escape(error.Message)}[/]");
                }

                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(row));
                }
            }

            if (!parse.GetValue(json))
            {
                AnsiConsole.Write(table);
            }

            return Task.FromResult(refused > 0 ? ExitCodes.BadInput : ExitCodes.Ok);
        }));
        return command;
    }

    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(f => InputScanner.ImageExtensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal)
        : File.Exists(path) ? [path]
        : throw new FileNotFoundException($"{path}: no such image or folder", path);
}
