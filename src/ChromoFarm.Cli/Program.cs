using System.CommandLine;
using ChromoFarm.Cli;
using ChromoFarm.Cli.Commands;

var root = new RootCommand("ChromoFarm: batch chromosome karyotyping (segment, classify, assign, call, store).")
{
    RunCommand.Create(),
    TrainCommand.Create(),
    EvaluateCommand.Create(),
    EvaluateSegmentationCommand.Create(),
    TrainSegmenterCommand.Create(),
    CalibrateCommand.Create(),
    ModelsCommand.Create(),
    PriorsCommand.Create(),
    ServeCommand.Create(),
    IngestCommand.Create(),
    ReviewCommand.Create(),
    KaryogramCommand.Create(),
    ApiKeyCommand.Create(),
    ExportCorrectionsCommand.Create(),
    InspectCommand.Create(),
    ExportSpreadCropsCommand.Create(),
    RedriveCommand.Create(),
    PseudonymCommand.Create(),
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"chromofarm: {error.Message}");
    }

    return ExitCodes.BadInput;
}

return await parse.InvokeAsync().ConfigureAwait(false);
