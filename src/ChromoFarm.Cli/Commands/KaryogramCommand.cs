using System.CommandLine;
using ChromoFarm.Api;
using ChromoFarm.Karyograms;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm karyogram RESULTS --cell CASE/CELL --out F.png [--spread S.png]`: one cell's pictures as files.</summary>
internal static class KaryogramCommand
{
    public static Command Create()
    {
        var results = new Argument<string>("results") { Description = ResultsLocation.Help };
        var cell = new Option<string>("--cell") { Description = "CASE/CELL, as results.csv names them", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The karyogram PNG to write", Required = true };
        var spread = new Option<FileInfo?>("--spread") { Description = "Also write the spread with numbered outlines (metaphase cells)" };
        var model = new Option<string?>("--model-version") { Description = "The result of this model version (default: the cell's latest)" };
        var command = new Command("karyogram", "Draw a cell's karyogram (ISCN rows, upright chromosomes, flagged ones outlined) and its spread") { results, cell, output, spread, model };
        command.SetAction((parse, cancellationToken) => CommandErrors.Guard(async () =>
        {
            var location = ResultsLocation.Open(parse.GetValue(results)!);
            await location.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var name = parse.GetValue(cell)!;
            var slash = name.LastIndexOf('/');
            if (slash <= 0 || slash == name.Length - 1)
            {
                throw new UsageException($"--cell: '{name}' is not CASE/CELL");
            }

            var (caseId, cellId) = (name[..slash], name[(slash + 1)..]);
            var detail = await new ResultsQueries(location.Database).CellAsync(caseId, cellId, parse.GetValue(model), cancellationToken).ConfigureAwait(false)
                ?? throw new UsageException($"{location.Described}: no cell '{cellId}' in case '{caseId}'");
            if (detail.Chromosomes.Count == 0)
            {
                throw new UsageException($"{location.Described}: cell {name} has no chromosomes to draw ({detail.Cell.Status}{(detail.Cell.Error is null ? string.Empty : ": " + detail.Cell.Error)})");
            }

            var store = location.Store;
            var request = PictureService.Request(detail);
            var karyogram = await new KaryogramRenderer(store).RenderAsync(request, cancellationToken).ConfigureAwait(false);
            await Write(parse.GetValue(output)!, karyogram, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(spread) is { } spreadFile)
            {
                if (detail.SpreadKey is not { } key)
                {
                    throw new UsageException($"--spread: cell {name} is a set of crops, not a spread");
                }

                var picture = await new SpreadRenderer(store).RenderAsync(key, request, cancellationToken).ConfigureAwait(false)
                    ?? throw new UsageException($"--spread: the spread image {key} of cell {name} is not in {location.Objects}");
                await Write(spreadFile, picture, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task Write(FileInfo file, KaryogramPicture picture, CancellationToken cancellationToken)
    {
        if (file.DirectoryName is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllBytesAsync(file.FullName, picture.Png, cancellationToken).ConfigureAwait(false);
        Console.Error.WriteLine($"wrote {file.FullName} ({picture.Width}×{picture.Height})");
    }
}
