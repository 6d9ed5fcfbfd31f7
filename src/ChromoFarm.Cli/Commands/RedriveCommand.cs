using System.CommandLine;
using System.Text.Json;
using ChromoFarm.Hosting.Options;
using ChromoFarm.Hosting.Redrive;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm redrive [--queue Q]... [--limit N] [--dry-run] [--json]`: replay the error and dead-letter queues.</summary>
internal static class RedriveCommand
{
    public static Command Create()
    {
        var rabbit = new Option<string>("--rabbitmq")
        {
            Description = "The farm's broker, amqp://user:password@host:5672/vhost; default $CHROMOFARM_RABBITMQ__URL",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CHROMOFARM_RABBITMQ__URL") ?? string.Empty,
        };
        var queues = new Option<string[]>("--queue") { Description = $"Read only these ({string.Join(", ", QueueRedrive.Sources)}); default: all of them" };
        var limit = new Option<int>("--limit") { Description = "Move at most this many messages (0: all there when it starts)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be moved, move nothing" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var command = new Command("redrive",
            "Send the messages of the error queues (consumes that kept failing) and the dead-letter queue (past the delivery limit) back to their farm queues")
        {
            rabbit, queues, limit, dryRun, json,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.Guard(async () =>
        {
            // amqps to a broker signed by the lab's own CA: the same setting as the roles', from the environment.
            var options = new RabbitMqOptions { Url = parse.GetValue(rabbit)!, CaCertificate = Environment.GetEnvironmentVariable("CHROMOFARM_RABBITMQ__CACERTIFICATE") };
            if (string.IsNullOrEmpty(options.Url))
            {
                throw new UsageException("redrive needs the broker: --rabbitmq URL or CHROMOFARM_RABBITMQ__URL");
            }

            if (parse.GetValue(limit) < 0)
            {
                throw new UsageException("--limit must be 0 or more");
            }

            RedriveReport report;
            try
            {
                options.Validate();
                report = await QueueRedrive.RunAsync(options, parse.GetValue(queues), parse.GetValue(limit), parse.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is FarmConfigurationException or ArgumentException)
            {
                throw new UsageException(error.Message);
            }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException error)
            {
                var reason = error.GetBaseException().Message;
                var hint = reason.Contains("certificate", StringComparison.OrdinalIgnoreCase) ? " (a broker signed by the lab's own CA: set CHROMOFARM_RABBITMQ__CACERTIFICATE to its PEM file)" : "";
                throw new IOException($"RabbitMQ not reachable: {reason}{hint}", error);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("from", "to", "cell", "reason", report.DryRun ? "would move" : "moved");
            foreach (var message in report.Messages)
            {
                table.AddRow(Markup.Escape(message.Source), Markup.Escape(message.Target ?? "(unknown: left)"), Markup.Escape(message.Cell ?? "-"),
                    Markup.Escape(message.Reason ?? "-"), message.Target is null ? "no" : "yes");
            }

            if (report.Messages.Count > 0)
            {
                AnsiConsole.Write(table);
            }

            AnsiConsole.MarkupLineInterpolated($"{(report.DryRun ? "dry run: would move" : "moved")} {(report.DryRun ? report.Messages.Count(m => m.Target is not null) : report.Moved)} messages; {report.Messages.Count(m => m.Target is null)} left where they are (no farm queue to return to)");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
