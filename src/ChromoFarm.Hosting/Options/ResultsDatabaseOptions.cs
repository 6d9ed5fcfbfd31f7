namespace ChromoFarm.Hosting.Options;

/// <summary>The results database, PostgreSQL (section "Results").</summary>
public sealed class ResultsDatabaseOptions
{
    public const string Section = "Results";

    /// <summary>Npgsql connection string: Host=…;Database=…;Username=…;Password=…. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Apply pending migrations at start. Only one role should (the coordinator does by default); the others
    /// report not-ready until the schema is current.</summary>
    public bool? MigrateAtStart { get; set; }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new FarmConfigurationException($"{FarmConfigurationException.Setting(Section, nameof(ConnectionString))} is required (an Npgsql connection string)");
        }
    }
}
