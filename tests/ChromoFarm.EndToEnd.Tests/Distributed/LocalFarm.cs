using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ChromoFarm.Tests;
using Npgsql;

namespace ChromoFarm.EndToEnd.Tests.Distributed;

/// <summary>
/// A distributed farm on the real services of 127.0.0.1 (PostgreSQL, RabbitMQ, an S3-compatible server), isolated per
/// test: a database, a RabbitMQ vhost and a bucket of its own, removed afterwards. Roles run as separate processes.
/// Each process writes its spans to a folder (Telemetry:SpanDirectory) that the test reads back.
/// </summary>
internal sealed class LocalFarm : IAsyncDisposable
{
    private const string Postgres = "Host=127.0.0.1;Port=5432;Database=chromofarm;Username=chromofarm;Password=chromofarm";
    private readonly List<FarmRoleProcess> roles = [];
    private readonly string server;

    private LocalFarm(string name, string server)
    {
        Name = name;
        this.server = server;
        Folder = Directory.CreateTempSubdirectory($"chromofarm-{name}-").FullName;
        SpanFolder = Path.Combine(Folder, "spans");
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string Folder { get; }

    public string SpanFolder { get; }

    public string ConnectionString { get; }

    public Uri? IngestUrl { get; private set; }

    private string? ingestKey;

    /// <summary>Null when the services are not running outside CI (the test then skips with the reason).</summary>
    public static async Task<(LocalFarm? Farm, string? Skip)> CreateAsync()
    {
        var server = System.Environment.GetEnvironmentVariable("CHROMOFARM_POSTGRES") ?? Postgres;
        var pg = new NpgsqlConnectionStringBuilder(server);
        var reason = LocalServices.Unavailable("PostgreSQL", $"tcp://{pg.Host}:{pg.Port}")
            ?? LocalServices.Unavailable("RabbitMQ", "tcp://127.0.0.1:5672")
            ?? LocalServices.Unavailable("the S3-compatible server", LocalServices.S3Url);
        if (reason is not null)
        {
            return (null, reason);
        }

        var farm = new LocalFarm($"cf_e2e_{Guid.NewGuid():N}"[..24], server);
        await farm.ExecuteAdminAsync($"CREATE DATABASE {farm.Name}");
        await RabbitMqCtl("add_vhost", farm.Name);
        await RabbitMqCtl("set_permissions", "-p", farm.Name, "guest", ".*", ".*", ".*");
        return (farm, null);
    }

    /// <summary>The farm's own vhost on the local broker.</summary>
    public string RabbitUrl => $"amqp://guest:guest@127.0.0.1:5672/{Name}";

    /// <summary>Empties a queue, as a broker that lost its messages would leave it.</summary>
    public Task PurgeAsync(string queue) => RabbitMqCtl("purge_queue", "-p", Name, queue);

    public IReadOnlyDictionary<string, string> Settings(IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["CHROMOFARM_RABBITMQ__URL"] = RabbitUrl,
            ["CHROMOFARM_RABBITMQ__RETRYLIMIT"] = "1",
            // The spreads of these tests are DAPI (M-FISH): each goes to the shipped model of its stain.
            ["CHROMOFARM_WORKER__MODEL"] = "auto",
            ["CHROMOFARM_OBJECTSTORE__SERVICEURL"] = LocalServices.S3Url,
            ["CHROMOFARM_OBJECTSTORE__BUCKET"] = Name.Replace('_', '-'),
            ["CHROMOFARM_OBJECTSTORE__ACCESSKEY"] = "S3RVER",
            ["CHROMOFARM_OBJECTSTORE__SECRETKEY"] = "S3RVER",
            ["CHROMOFARM_RESULTS__CONNECTIONSTRING"] = ConnectionString,
            ["CHROMOFARM_TELEMETRY__SPANDIRECTORY"] = SpanFolder,
            ["CHROMOFARM_HOST__SHUTDOWNTIMEOUT"] = "00:00:10",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task<FarmRoleProcess> StartAsync(string role, string? name = null, IReadOnlyDictionary<string, string>? extra = null)
    {
        var process = new FarmRoleProcess(role, name ?? role, FreePort(), Settings(extra), Folder);
        roles.Add(process);
        await process.WaitReadyAsync(TimeSpan.FromSeconds(90));
        if (role == "ingest")
        {
            IngestUrl = new Uri($"http://127.0.0.1:{process.Port}");
        }

        return process;
    }

    /// <summary>`chromofarm apikey create --role ROLE --database CONN`, as an operator runs it; the key it prints.</summary>
    public async Task<string> CreateKeyAsync(string role)
    {
        var result = await Cli.RunAsync("apikey", "create", "--role", role, "--name", $"test-{role}", "--database", ConnectionString);
        Assert.True(result.ExitCode == 0, $"apikey create failed ({result.ExitCode}): {result.Error}");
        return result.Output.Trim();
    }

    /// <summary>`chromofarm ingest INPUT --server URL --json --api-key KEY` with an ingest key, as an operator runs it.</summary>
    public async Task<(CliResult Result, JsonElement? Counts)> IngestAsync(string input)
    {
        ingestKey ??= await CreateKeyAsync("ingest");
        var result = await Cli.RunAsync("ingest", input, "--server", IngestUrl!.ToString(), "--json", "--api-key", ingestKey);
        var last = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return (result, last is not null && last.StartsWith('{') ? JsonDocument.Parse(last).RootElement.Clone() : null);
    }

    /// <summary>Waits until <paramref name="cells"/> cells are completed or failed; fails with the role logs otherwise.</summary>
    public async Task WaitForFinalAsync(int cells, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        long done = 0;
        while (watch.Elapsed < timeout)
        {
            done = await ScalarAsync("SELECT count(*) FROM cells WHERE status IN ('Completed', 'Failed')");
            if (done >= cells)
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{done} of {cells} cells final after {timeout}:\n" + string.Join("\n", roles.Select(r => $"--- {r.Name}\n{r.Tail(10)}")));
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<(string Cell, string Status, string? Error, int Results)>> CellsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT c.cell_key, c.status, c.error, (SELECT count(*) FROM cell_results r WHERE r.cell_id = c.id) FROM cells c ORDER BY c.cell_key", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var cells = new List<(string, string, string?, int)>();
        while (await reader.ReadAsync())
        {
            cells.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), (int)reader.GetInt64(3)));
        }

        return cells;
    }

    /// <summary>Messages in the farm's queues (ready and unacknowledged) by queue name, as the broker last counted.</summary>
    public async Task<Dictionary<string, long>> QueueDepthsAsync()
    {
        var output = await RabbitMqCtl("list_queues", "-p", Name, "-q", "--no-table-headers", "name", "messages");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits until every farm queue is empty: redeliveries of work already done have been processed too.
    /// RabbitMQ refreshes queue counts every few seconds, so a count is only trusted once it reads zero.</summary>
    /// <param name="only">Watch only these queues (default: every queue of the vhost, error queues included).</param>
    public async Task WaitForEmptyQueuesAsync(TimeSpan timeout, IReadOnlyCollection<string>? only = null)
    {
        var watch = Stopwatch.StartNew();
        Dictionary<string, long> depths;
        while ((depths = await QueueDepthsAsync()).Where(d => only is null || only.Contains(d.Key)).Any(d => d.Value > 0))
        {
            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"queues not empty after {timeout}: {string.Join(", ", depths.Select(d => $"{d.Key}={d.Value}"))}");
            }

            await Task.Delay(250);
        }
    }

    public List<JsonElement> Spans() =>
        !Directory.Exists(SpanFolder) ? []
        : Directory.EnumerateFiles(SpanFolder, "*.jsonl")
            .SelectMany(ReadShared)
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();

    public async ValueTask DisposeAsync()
    {
        roles.ForEach(r => r.Dispose());
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await RabbitMqCtl("delete_vhost", Name);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A role's log still open: the temporary folder is left for the OS.
        }
    }

    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Vhosts are created and removed with rabbitmqctl, which needs root (sudo -n elsewhere).
    internal static async Task<string> RabbitMqCtl(params string[] arguments)
    {
        var root = System.Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? "rabbitmqctl" : "sudo")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!root)
        {
            start.ArgumentList.Add("-n");
            start.ArgumentList.Add("rabbitmqctl");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }
}
