using ChromoFarm.Api;
using ChromoFarm.Hosting.Options;
using ChromoFarm.Security;
using ChromoFarm.Storage;
using ChromoFarm.Worker;
using Microsoft.Extensions.Configuration;

namespace ChromoFarm.Hosting;

/// <summary>
/// A role's settings: appsettings.json beside the binary, then `--config FILE`, then the files of
/// $CHROMOFARM_SECRETS_DIR, then CHROMOFARM_* environment variables (CHROMOFARM_RABBITMQ__URL sets RabbitMq:Url).
/// Each role reads and validates only what it uses, so a missing setting stops it at start with one line that names
/// it; a secret in a JSON file stops it too (<see cref="SecretSettings"/>).
/// </summary>
public sealed class FarmConfiguration
{
    public const string EnvironmentPrefix = "CHROMOFARM_";

    private FarmConfiguration(FarmRole role, IConfigurationRoot root)
    {
        Role = role;
        Root = root;
    }

    public FarmRole Role { get; }

    public IConfigurationRoot Root { get; }

    public RabbitMqOptions RabbitMq { get; private init; } = new();

    public HttpOptions Http { get; private init; } = new();

    public TelemetryOptions Telemetry { get; private init; } = new();

    /// <summary>Null for the coordinator, which never reads images.</summary>
    public S3StoreOptions? ObjectStore { get; private init; }

    /// <summary>Null for the worker, which never touches the database.</summary>
    public ResultsDatabaseOptions? Results { get; private init; }

    /// <summary>Credentials accepted by the HTTP roles (ingest, api).</summary>
    public AuthOptions Auth { get; private init; } = new();

    /// <summary>Only for the worker.</summary>
    public WorkerOptions? Worker { get; private init; }

    /// <summary>Only for the coordinator: when silent queued cells are sent again or failed.</summary>
    public Coordinator.QueuedCellSweepOptions? Sweep { get; private init; }

    /// <summary>The worker's input screen (what is analysed as a metaphase).</summary>
    public Screening.ScreeningOptions Screening { get; private init; } = new();

    /// <summary>Only for the roles that take uploads (ingest, api): whether patient ids are pseudonymised.</summary>
    public PrivacyOptions? Privacy { get; private init; }

    /// <summary>How long SIGTERM waits for in-flight work (Host:ShutdownTimeout).</summary>
    public TimeSpan ShutdownTimeout { get; private init; }

    public bool MigratesDatabase => Results?.MigrateAtStart ?? Role == FarmRole.Coordinator;

    /// <exception cref="FarmConfigurationException">A setting is missing or invalid.</exception>
    /// <exception cref="FileNotFoundException">The --config file does not exist.</exception>
    /// <param name="secretsDirectory">Mounted secrets, one file per setting; default $CHROMOFARM_SECRETS_DIR.</param>
    public static FarmConfiguration Load(FarmRole role, string? configFile, IEnumerable<KeyValuePair<string, string?>>? overrides = null, string? secretsDirectory = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        if (configFile is not null)
        {
            var full = Path.GetFullPath(configFile);
            if (!File.Exists(full))
            {
                throw new FileNotFoundException($"{configFile}: configuration file not found", configFile);
            }

            builder.AddJsonFile(full, optional: false);
        }

        SecretSettings.AddMountedSecrets(builder, secretsDirectory ?? Environment.GetEnvironmentVariable(SecretSettings.DirectoryVariable));
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        var root = builder.Build();
        SecretSettings.RefuseSecretsInFiles(root);
        var settings = new FarmConfiguration(role, root)
        {
            RabbitMq = Bind<RabbitMqOptions>(root, RabbitMqOptions.Section),
            Http = Bind<HttpOptions>(root, HttpOptions.Section),
            Telemetry = Bind<TelemetryOptions>(root, TelemetryOptions.Section),
            ObjectStore = role == FarmRole.Coordinator ? null : Bind<S3StoreOptions>(root, S3StoreOptions.Section),
            Results = role == FarmRole.Worker ? null : Bind<ResultsDatabaseOptions>(root, ResultsDatabaseOptions.Section),
            Auth = Bind<AuthOptions>(root, AuthOptions.Section),
            Worker = role == FarmRole.Worker ? Bind<WorkerOptions>(root, WorkerOptions.Section) : null,
            Screening = Bind<Screening.ScreeningOptions>(root, ChromoFarm.Screening.ScreeningOptions.Section),
            Sweep = role == FarmRole.Coordinator ? Bind<Coordinator.QueuedCellSweepOptions>(root, Coordinator.QueuedCellSweepOptions.Section) : null,
            Privacy = role is FarmRole.Ingest or FarmRole.Api ? Bind<PrivacyOptions>(root, PrivacyOptions.Section) : null,
            ShutdownTimeout = root.GetValue("Host:ShutdownTimeout", TimeSpan.FromMinutes(1)),
        };
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        RabbitMq.Validate();
        Http.Validate();
        Telemetry.Validate();
        Results?.Validate();
        try
        {
            ObjectStore?.Validate();
        }
        catch (ArgumentException error)
        {
            throw new FarmConfigurationException($"{error.Message} (environment: CHROMOFARM_{S3StoreOptions.Section.ToUpperInvariant()}__…)");
        }

        try
        {
            Privacy?.Pseudonyms();
        }
        catch (ArgumentException error)
        {
            throw new FarmConfigurationException($"{PrivacyOptions.Section}:{nameof(PrivacyOptions.PseudonymKey)}: {error.Message}");
        }

        if (Auth.Jwt.Authority is { } authority && !Uri.TryCreate(authority, UriKind.Absolute, out _))
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(AuthOptions.Section, "Jwt:Authority")} '{authority}' is not an absolute URL");
        }

        if (Auth.Jwt.Authority is not null && string.IsNullOrWhiteSpace(Auth.Jwt.Audience))
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(AuthOptions.Section, "Jwt:Audience")} is required with Auth:Jwt:Authority (tokens for other services must not be accepted)");
        }

        if (Worker is not null && Screening.Problem() is { } screening)
        {
            throw new FarmConfigurationException($"{ChromoFarm.Screening.ScreeningOptions.Section}:{screening} (environment: CHROMOFARM_SCREENING__…)");
        }

        if (Sweep?.Problem() is { } sweep)
        {
            throw new FarmConfigurationException($"{Coordinator.QueuedCellSweepOptions.Section}:{sweep} (environment: CHROMOFARM_COORDINATOR__…)");
        }

        if (Worker is { } worker && (worker.CellsPerBatch < 1 || worker.ForwardBatchSize < 1 || worker.BatchesInFlight < 1 || worker.BatchTimeLimit <= TimeSpan.Zero))
        {
            throw new FarmConfigurationException(
                $"{FarmConfigurationException.Setting(WorkerOptions.Section, nameof(WorkerOptions.CellsPerBatch))}, {nameof(WorkerOptions.ForwardBatchSize)}, {nameof(WorkerOptions.BatchesInFlight)} and {nameof(WorkerOptions.BatchTimeLimit)} must be positive");
        }
    }

    // A value that does not convert (a word where a number belongs) is reported with its key, not as a stack trace.
    private static T Bind<T>(IConfiguration root, string section)
        where T : new()
    {
        try
        {
            return root.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException error)
        {
            throw new FarmConfigurationException($"{section}: {error.Message}");
        }
    }
}
