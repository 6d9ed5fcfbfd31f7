using System.CommandLine;
using ChromoFarm.Hosting;
using ChromoFarm.Hosting.Options;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm serve ingest|worker|coordinator|api`: one role of the distributed farm.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var role = new Argument<FarmRole>("role") { Description = "ingest, worker, coordinator or api" };
        var config = new Option<FileInfo?>("--config") { Description = "JSON settings (appsettings form); CHROMOFARM_* environment variables override it" };
        var command = new Command("serve", "Run one role of the distributed farm (RabbitMQ, S3/MinIO, PostgreSQL); see docs/operations.md") { role, config };
        command.SetAction((parse, cancellationToken) => CommandErrors.Guard(async () =>
        {
            FarmConfiguration settings;
            try
            {
                settings = FarmConfiguration.Load(parse.GetValue(role), parse.GetValue(config)?.FullName);
            }
            catch (FarmConfigurationException error)
            {
                throw new UsageException(error.Message);
            }

            try
            {
                await FarmHost.RunAsync(settings, DefaultModel.Path, DefaultModel.SegmenterPath, cancellationToken).ConfigureAwait(false);
            }
            catch (FarmConfigurationException error)
            {
                // Found at start against the services themselves (a queue declared with other arguments).
                throw new UsageException(error.Message);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
