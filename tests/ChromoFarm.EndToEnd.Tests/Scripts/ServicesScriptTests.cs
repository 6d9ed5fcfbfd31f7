namespace ChromoFarm.EndToEnd.Tests.Scripts;

/// <summary>
/// scripts/services.sh up, which `make test` runs before the tests: run again while the services answer (as they do
/// here, `make test` having started them), it starts nothing, says so in one line, and gives settings that a
/// shell can evaluate, keeping any the caller set.
/// </summary>
public sealed class ServicesScriptTests
{
    [SkippableFact]
    public async Task Up_again_starts_nothing_and_exports_the_settings_the_tests_read()
    {
        var reason = LocalServices.Unavailable("PostgreSQL", "tcp://127.0.0.1:5432")
            ?? LocalServices.Unavailable("RabbitMQ", "tcp://127.0.0.1:5672")
            ?? LocalServices.Unavailable("the S3-compatible server", "http://127.0.0.1:9000");
        Skip.If(reason is not null, reason);

        var up = await Bash.RunAsync("scripts/services.sh", null, "up");

        Assert.True(up.ExitCode == 0, up.Error);
        var said = up.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("services: started nothing; already running: postgresql rabbitmq-server s3rver", Assert.Single(said), StringComparison.Ordinal);

        var folder = Directory.CreateTempSubdirectory("cf-services-").FullName;
        var script = Path.Combine(folder, "settings.sh");
        File.WriteAllText(script, up.Output + "printf '%s\\n' \"$CHROMOFARM_POSTGRES\" \"$CHROMOFARM_RABBITMQ\" \"$CHROMOFARM_S3\"\n");
        var caller = new Dictionary<string, string?>
        {
            ["CHROMOFARM_POSTGRES"] = null,
            ["CHROMOFARM_RABBITMQ"] = null,
            ["CHROMOFARM_S3"] = "http://127.0.0.1:9999",
        };
        var evaluated = await Bash.RunAsync(script, caller);
        Directory.Delete(folder, recursive: true);

        Assert.Equal(
            ["Host=127.0.0.1;Port=5432;Database=chromofarm;Username=chromofarm;Password=chromofarm", "amqp://guest:guest@127.0.0.1:5672/", "http://127.0.0.1:9999"],
            evaluated.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task An_unknown_command_is_refused_with_the_usage_and_exit_2()
    {
        var result = await Bash.RunAsync("scripts/services.sh", null, "launch");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("usage: scripts/services.sh install|start|up|stop", result.Error, StringComparison.Ordinal);
    }
}
