using System.CommandLine;
using ChromoFarm.Api;
using ChromoFarm.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace ChromoFarm.Cli.Commands;

/// <summary>
/// `chromofarm review RESULTS [--port N]`: the results API and review page over a run's results, on loopback, with
/// a reviewer key made for this session (printed in the login URL) and revoked when the command stops.
/// </summary>
internal static class ReviewCommand
{
    private static readonly TimeSpan SessionKeyLifetime = TimeSpan.FromHours(12);

    public static Command Create()
    {
        var results = new Argument<string>("results") { Description = ResultsLocation.Help, DefaultValueFactory = _ => "chromofarm-results" };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free one)", DefaultValueFactory = _ => 8765 };
        var command = new Command("review", "Open the review page and results API over a run's results (Ctrl+C stops)") { results, port };
        command.SetAction((parse, cancellationToken) => CommandErrors.Guard(async () =>
        {
            var location = ResultsLocation.Open(parse.GetValue(results)!);
            if (parse.GetValue(port) is < 0 or > 65535)
            {
                throw new UsageException($"--port: {parse.GetValue(port)} is not a port");
            }

            await location.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var keys = new ApiKeyStore(location.Database);
            var created = await keys.CreateAsync(Environment.UserName, ApiRoles.Reviewer, SessionKeyLifetime, "chromofarm review", cancellationToken).ConfigureAwait(false);
            try
            {
                await using var app = LocalApiServer.Build(location.Database, location.Store, parse.GetValue(port));
                try
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException error)
                {
                    throw new UsageException($"--port {parse.GetValue(port)}: {error.Message} (pick another with --port, or 0 for any free one)");
                }

                var address = LocalApiServer.Address(app);
                Console.WriteLine($"review: {address}login?key={created.Key}");
                Console.Error.WriteLine($"reviewing {location.Described} as {created.Record.Name}; API: {address}openapi/v1.json with X-Api-Key: {created.Key}");
                Console.Error.WriteLine("the key works until this command stops (Ctrl+C)");
                // The host's console lifetime takes Ctrl+C and SIGTERM: wait for it to stop the server.
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await keys.RevokeAsync(created.Record.KeyId, "chromofarm review", CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
