using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChromoFarm.Datasets;
using ChromoFarm.Results;

namespace ChromoFarm.Cli.Commands;

/// <summary>
/// `chromofarm export-corrections RESULTS --out DIR`: the chromosomes of every signed-off cell, with the reviewers'
/// labels, as a dataset manifest (DIR/manifest.csv, crops under DIR/images) that `chromofarm train --data` reads.
/// </summary>
/// <remarks>
/// Whole cases go to one split (chosen by a hash of the case id, so a re-export keeps them where they were): a model
/// validated on cells of patients it trained on would look better than it is.
/// </remarks>
internal static class ExportCorrectionsCommand
{
    public static Command Create()
    {
        var results = new Argument<string>("results") { Description = ResultsLocation.Help };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for manifest.csv, corrections.csv and images/", Required = true };
        var validation = new Option<double>("--val-fraction") { Description = "Share of the cases put in the val split", DefaultValueFactory = _ => 0.2 };
        var command = new Command("export-corrections", "Write the reviewed (accepted) cells' chromosomes as a training manifest") { results, output, validation };
        command.SetAction((parse, cancellationToken) => CommandErrors.Guard(async () =>
        {
            var fraction = parse.GetValue(validation);
            if (fraction is < 0 or >= 1)
            {
                throw new UsageException($"--val-fraction: {fraction} is not in [0, 1)");
            }

            var location = ResultsLocation.Open(parse.GetValue(results)!);
            await location.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var store = location.Store;
            var cells = new List<AcceptedCell>();
            await foreach (var cell in new AcceptedReviews(location.Database).ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cells.Add(cell);
            }

            if (cells.Count == 0)
            {
                throw new UsageException($"{location.Described}: no accepted reviews yet (accept cells on the review page first: chromofarm review {parse.GetValue(results)})");
            }

            var folder = parse.GetValue(output)!.FullName;
            var validationCases = ValidationCases(cells.Select(c => c.CaseKey).Distinct().ToList(), fraction);
            var manifest = new StringBuilder("path,patient,cell,label,split\n");
            var corrections = new StringBuilder("case,cell,index,label,model_label,corrected,reviewer,reviewed_at,model_version,revision,path\n");
            var (written, missing) = (0, 0);
            foreach (var cell in cells)
            {
                var split = validationCases.Contains(cell.CaseKey) ? "val" : "train";
                foreach (var chromosome in cell.Chromosomes)
                {
                    if (chromosome.ImageKey is not { } key || !await store.ExistsAsync(key, cancellationToken).ConfigureAwait(false))
                    {
                        missing++;
                        continue;
                    }

                    var bytes = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
                    var path = $"images/{Safe(cell.CaseKey)}/{Safe(cell.CellKey)}/{chromosome.Index:D3}{Extension(bytes)}";
                    var full = Path.Combine(folder, path);
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    await File.WriteAllBytesAsync(full, bytes, cancellationToken).ConfigureAwait(false);
                    var cellId = $"{cell.CaseKey}/{cell.CellKey}";
                    manifest.Append(CultureInfo.InvariantCulture, $"{Csv.Field(path)},{Csv.Field(cell.CaseKey)},{Csv.Field(cellId)},{chromosome.Label},{split}\n");
                    corrections.Append(CultureInfo.InvariantCulture,
                        $"{Csv.Field(cell.CaseKey)},{Csv.Field(cell.CellKey)},{chromosome.Index},{chromosome.Label},{chromosome.ModelLabel},{(chromosome.Label != chromosome.ModelLabel ? "true" : "false")},{Csv.Field(cell.Reviewer)},{cell.ReviewedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{Csv.Field(cell.ModelVersion)},{cell.Revision},{Csv.Field(path)}\n");
                    written++;
                }
            }

            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "manifest.csv"), manifest.ToString(), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(folder, "corrections.csv"), corrections.ToString(), cancellationToken).ConfigureAwait(false);
            var relabelled = cells.Sum(c => c.Chromosomes.Count(x => x.Label != x.ModelLabel));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{written} chromosomes of {cells.Count} accepted cells ({relabelled} relabelled by reviewers; {validationCases.Count} of {cells.Select(c => c.CaseKey).Distinct().Count()} cases in val) -> {Path.Combine(folder, "manifest.csv")}"));
            if (missing > 0)
            {
                Console.Error.WriteLine($"chromofarm: {missing} chromosomes left out: their image is not in {location.Objects} (results from a worker older than review, or objects/ moved)");
            }

            if (validationCases.Count == 0)
            {
                Console.Error.WriteLine("chromofarm: note: one case only, so no val split: `chromofarm train` needs cells of another case to validate on");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    // The cases whose hash comes first, at least one when there are two or more, never all of them.
    private static HashSet<string> ValidationCases(List<string> cases, double fraction)
    {
        if (cases.Count < 2 || fraction == 0)
        {
            return [];
        }

        var count = Math.Clamp((int)Math.Round(cases.Count * fraction), 1, cases.Count - 1);
        return cases.OrderBy(c => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(c))), StringComparer.Ordinal).Take(count).ToHashSet(StringComparer.Ordinal);
    }

    private static string Safe(string name) =>
        string.Concat(name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : '_')).TrimStart('.') is { Length: > 0 } safe ? safe : "_";

    private static string Extension(byte[] bytes) => bytes switch
    {
        [0x89, 0x50, 0x4E, 0x47, ..] => ".png",
        [0x49, 0x49, 0x2A, 0x00, ..] or [0x4D, 0x4D, 0x00, 0x2A, ..] => ".tiff",
        [0xFF, 0xD8, ..] => ".jpg",
        [0x42, 0x4D, ..] => ".bmp",
        _ => ".img",
    };
}
