using System.CommandLine;
using System.Diagnostics;
using ChromoFarm.Api;
using ChromoFarm.Cli.Embedded;
using ChromoFarm.Contracts;
using ChromoFarm.Ingest;
using ChromoFarm.Karyotyping;
using ChromoFarm.Native;
using ChromoFarm.Results;
using ChromoFarm.Screening;
using ChromoFarm.Security;
using ChromoFarm.Worker.Classification;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm run &lt;input&gt; [--out DIR] [--model FILE|auto] [--segmenter auto|learned|classical]`: the embedded farm end to end.</summary>
internal static class RunCommand
{
    // Beyond this many cells the table shows the first rows only; results.csv has them all.
    private const int TableRows = 40;

    // Short headers keep one row per cell in an 80-column terminal or a log file.
    // A failed cell shows "failed" in place of its karyotype.
    private static readonly string[] Columns = ["case", "cell", "n", "karyotype", "conf.", "review"];

    // Short forms of the review reasons, so that the table fits 80 columns; results.csv has the full names.
    private static readonly (ReviewReasons Reason, string Short)[] ReviewWords =
    [
        (ReviewReasons.LowConfidenceChromosomes, "low"), (ReviewReasons.AbnormalCount, "count"), (ReviewReasons.AbnormalKaryotype, "abn"),
        (ReviewReasons.AmbiguousCall, "ambig"), (ReviewReasons.SegmentationReview, "seg"), (ReviewReasons.OtherMetaphase, "other"),
    ];

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "An image, a folder of metaphase images, or a dataset manifest CSV" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for results.db, results.csv and the object store", DefaultValueFactory = _ => new DirectoryInfo("chromofarm-results") };
        var model = CommonOptions.ModelOrAuto();
        var segmenter = CommonOptions.Segmenter();
        var segmenterModel = CommonOptions.SegmenterModel();
        var priors = CommonOptions.Priors();
        var split = new Option<string?>("--split") { Description = "For a manifest: only cells of this split" };
        var limitCells = new Option<int>("--limit-cells") { Description = "Process at most N cells (0: all)", DefaultValueFactory = _ => 0 };
        var device = CommonOptions.Device(ComputeDevice.Auto);
        var threads = CommonOptions.Threads();
        var precision = CommonOptions.Precision();
        var command = new Command("run", "Analyse images end to end in one process: segment, classify, assign, call karyotypes, store")
        {
            input, output, model, segmenter, segmenterModel, priors, split, limitCells, device, threads, precision,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.Guard(async () =>
        {
            NativeCore.SetThreads(parse.GetValue(threads));
            var cells = InputScanner.Scan(parse.GetValue(input)!, parse.GetValue(split));
            if (parse.GetValue(limitCells) is > 0 and var limit)
            {
                cells = cells.Take(limit);
            }

            // The lab's key (a secret, so only from the environment): patient ids are replaced before anything is written.
            if (Pseudonyms() is { } pseudonyms)
            {
                cells = cells.Select(cell => PseudonymisedInput.Of(cell, pseudonyms));
            }

            var copyNumberPriors = CopyNumberPriorsFile.Load(parse.GetValue(priors)?.FullName);
            using var models = LoadModels(parse.GetValue(model), parse.GetValue(device), parse.GetValue(precision));
            using var network = CommonOptions.LoadSegmenter(parse.GetValue(segmenter)!, parse.GetValue(segmenterModel));
            return await RunAsync(cells, parse.GetValue(output)!.FullName, models.Models, network, parse.GetValue(segmenter) == "auto", copyNumberPriors, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static PatientPseudonyms? Pseudonyms()
    {
        try
        {
            return new PrivacyOptions { PseudonymKey = Environment.GetEnvironmentVariable(PrivacyOptions.KeyVariable) }.Pseudonyms();
        }
        catch (ArgumentException error)
        {
            throw new UsageException($"{PrivacyOptions.KeyVariable}: {error.Message}");
        }
    }

    /// <summary>`--model auto` looks beside the shipped default model, so that $CHROMOFARM_MODEL moves both.</summary>
    internal static ModelSet LoadModels(string? model, ComputeDevice device, InferencePrecision precision) =>
        string.Equals(model, ModelSet.Auto, StringComparison.OrdinalIgnoreCase)
            ? ModelSet.Load(ModelSet.Auto, DefaultModel.Folder, device, precision)
            : ModelSet.Load(DefaultModel.Resolve(model), string.Empty, device, precision);

    private static async Task<int> RunAsync(IEnumerable<CellSubmission> cells, string outputFolder, IReadOnlyList<ChromosomeModel> models, SegmentationNetwork? network,
        bool brightfieldClassical, CopyNumberPriors priors, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var farm = await EmbeddedFarm.StartAsync(outputFolder, models, network, brightfieldClassical, priors, cancellationToken).ConfigureAwait(false);
        var batchId = Guid.NewGuid();
        IngestSummary? ingest = null;

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var submitted = context.AddTask("ingest", maxValue: 1);
                var analysed = context.AddTask("analyse", maxValue: 1);
                farm.Tracker.Progressed += done => analysed.Value = done;
                var ingestor = new CellIngestor(farm.Store, farm.Bus);
                ingest = await ingestor.IngestAsync(
                    cells,
                    batchId,
                    _ =>
                    {
                        submitted.MaxValue = submitted.Value + 1;
                        submitted.Increment(1);
                        analysed.MaxValue = submitted.Value;
                    },
                    cancellationToken).ConfigureAwait(false);
                submitted.StopTask();
                await farm.Tracker.WaitForAsync(ingest.Cells, cancellationToken).ConfigureAwait(false);
                analysed.Value = analysed.MaxValue;
            }).ConfigureAwait(false);

        watch.Stop();
        if (ingest!.Cells == 0)
        {
            throw new UsageException("the input holds no images (expected .png, .tif, .tiff, .jpg, .jpeg, .bmp, or a manifest CSV)");
        }

        var outcomes = farm.Tracker.Outcomes;
        var summaries = await new ResultsQueries(ResultsDatabase.Sqlite(farm.DatabasePath)).CellsAsync(models.Count == 1 ? models[0].Version : null, cancellationToken: cancellationToken).ConfigureAwait(false);
        var csvPath = Path.Combine(outputFolder, "results.csv");
        await ResultsQueries.WriteCsvAsync(summaries, csvPath, cancellationToken).ConfigureAwait(false);
        var thisRun = outcomes.Select(o => (o.CaseId, o.CellId)).ToHashSet();
        var cases = ResultsQueries.Cases(summaries);
        var casesPath = Path.Combine(outputFolder, "cases.csv");
        await ResultsQueries.WriteCasesCsvAsync(cases, casesPath, cancellationToken).ConfigureAwait(false);
        var runCells = summaries.Where(s => thisRun.Contains((s.CaseId, s.CellId))).ToArray();
        Report(runCells, outcomes, watch.Elapsed, models, outputFolder, csvPath);
        ReportCases(cases.Where(c => runCells.Any(r => r.CaseId == c.CaseId)).ToArray(), casesPath);

        foreach (var failure in outcomes.Where(o => o.Outcome == CellOutcome.Failed).OrderBy(o => o.CellId, StringComparer.Ordinal))
        {
            await Console.Error.WriteLineAsync($"chromofarm: {failure.Error}").ConfigureAwait(false);
        }

        return outcomes.Any(o => o.FailureKind == CellFailureKind.InvalidInput) ? ExitCodes.BadInput
            : outcomes.Any(o => o.Outcome == CellOutcome.Failed) ? ExitCodes.WorkFailed
            : ExitCodes.Ok;
    }

    private static void Report(CellSummary[] cells, IReadOnlyCollection<CellCompleted> outcomes, TimeSpan elapsed, IReadOnlyList<ChromosomeModel> models, string outputFolder, string csvPath)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumns(Columns.Select(h => new TableColumn(h).NoWrap()).ToArray());
        foreach (var cell in cells.Take(TableRows))
        {
            table.AddRow(
                Markup.Escape(cell.CaseId),
                Markup.Escape(cell.CellId),
                cell.ChromosomeCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                cell.Status == "completed" ? Markup.Escape(cell.Karyotype ?? "-") : "[red]failed[/]",
                cell.CallConfidence?.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(Review(cell)));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]n: chromosomes; conf.: probability of the call against the competing calls; review: low-confidence chromosomes, count ≠ 46, abnormal call, ambiguous (the competing call is in results.csv), segmentation[/]");
        if (cells.Length > TableRows)
        {
            AnsiConsole.MarkupLineInterpolated($"[grey]… {cells.Length - TableRows} more cells in {csvPath}[/]");
        }

        var completed = outcomes.Count(o => o.Outcome == CellOutcome.Completed);
        var failed = outcomes.Count - completed;
        var duplicates = outcomes.Count(o => o.Duplicate);
        var chromosomes = outcomes.Sum(o => o.ChromosomeCount);
        var seconds = elapsed.TotalSeconds;
        AnsiConsole.MarkupLineInterpolated(
            $"cells [bold]{outcomes.Count}[/] (completed {completed}, failed {failed}, already stored {duplicates})  chromosomes [bold]{chromosomes}[/]  time {seconds:0.0} s  [bold]{chromosomes / Math.Max(seconds, 1e-9):0.0}[/] chromosomes/s");
        AnsiConsole.MarkupLineInterpolated($"model {string.Join(", ", models.Select(m => $"{m.Version} ({m.Info.TrainedStain.Name()})"))}  results: {Path.Combine(outputFolder, "results.db")}, {csvPath}");
    }

    private static string Review(CellSummary cell)
    {
        var reasons = ReviewReasonNames.Parse(cell.ReviewReasons ?? string.Empty);
        return string.Join(',', ReviewWords.Where(w => reasons.HasFlag(w.Reason)).Select(w => w.Short));
    }

    // Only cases with several cells: a single cell's call is already in the table above.
    private static void ReportCases(CaseSummary[] cases, string casesPath)
    {
        var combined = cases.Where(c => c.Cells > 1 && c.Karyotype is not null).ToArray();
        if (combined.Length == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("case", "cells", "karyotype", "cells per call");
        foreach (var c in combined.Take(TableRows))
        {
            table.AddRow(
                Markup.Escape(c.CaseId),
                c.Cells.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Karyotype!.IsMosaic ? $"[yellow]{Markup.Escape(c.Notation!)}[/]" : Markup.Escape(c.Notation!),
                Markup.Escape(c.CallCounts));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[grey]cases combined by the ISCN clone rule (a gain in ≥ 2 cells, a loss in ≥ 3); notes in {casesPath}[/]");
    }
}
