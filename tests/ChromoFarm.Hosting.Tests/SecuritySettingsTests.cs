using ChromoFarm.Hosting;
using ChromoFarm.Hosting.Options;

namespace ChromoFarm.Hosting.Tests;

/// <summary>Secrets from the environment or mounted files only; limits, TLS and pseudonym settings checked at start.</summary>
public sealed class SecuritySettingsTests : IDisposable
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private readonly string folder = Directory.CreateTempSubdirectory("cf-settings-").FullName;

    [Theory]
    [InlineData("""{"Results":{"ConnectionString":"Host=db;Database=cf;Username=farm;Password=secret"}}""", "Results:ConnectionString", "CHROMOFARM_RESULTS__CONNECTIONSTRING")]
    [InlineData("""{"RabbitMq":{"Url":"amqp://farm:secret@broker/"}}""", "RabbitMq:Url", "CHROMOFARM_RABBITMQ__URL")]
    [InlineData("""{"ObjectStore":{"SecretKey":"s3cret"}}""", "ObjectStore:SecretKey", "CHROMOFARM_OBJECTSTORE__SECRETKEY")]
    [InlineData("""{"Privacy":{"PseudonymKey":"0123456789abcdef0123456789abcdef"}}""", "Privacy:PseudonymKey", "CHROMOFARM_PRIVACY__PSEUDONYMKEY")]
    // Even where the environment overrides it, a secret left in a file is a secret leaked with the file.
    [InlineData("""{"Results":{"ConnectionString":"Host=db;Password=old"}}""", "Results:ConnectionString", "CHROMOFARM_RESULTS__CONNECTIONSTRING")]
    public void A_secret_in_a_settings_file_stops_the_role_and_says_where_it_belongs(string json, string key, string variable)
    {
        var file = Write("settings.json", json);

        var error = Assert.Throws<FarmConfigurationException>(() => FarmConfiguration.Load(FarmRole.Ingest, file, Minimal()));

        Assert.Equal($"{key} holds a secret and is set in {file}: give it in {variable} or a file {variable["CHROMOFARM_".Length..]} in $CHROMOFARM_SECRETS_DIR, not in a settings file", error.Message);
    }

    [Fact]
    public void A_settings_file_may_hold_what_is_not_secret_and_the_environment_adds_the_secret()
    {
        // A URL without a password, and a connection string without one that the environment replaces.
        var file = Write("settings.json", """{"RabbitMq":{"Url":"amqp://broker/"},"Results":{"ConnectionString":"Host=db"},"Http":{"RequestsPerSecond":50}}""");

        var settings = FarmConfiguration.Load(FarmRole.Ingest, file, Minimal(("Results:ConnectionString", "Host=db;Database=cf;Username=farm;Password=secret")));

        Assert.Equal(50, settings.Http.RequestsPerSecond);
        Assert.Equal("Host=db;Database=cf;Username=farm;Password=secret", settings.Results!.ConnectionString);
    }

    [Fact]
    public void Mounted_secret_files_are_settings_named_like_the_variables()
    {
        var secrets = Directory.CreateDirectory(Path.Combine(folder, "secrets")).FullName;
        File.WriteAllText(Path.Combine(secrets, "RESULTS__CONNECTIONSTRING"), "Host=db;Database=cf;Username=farm;Password=from-file\n");
        File.WriteAllText(Path.Combine(secrets, "PRIVACY__PSEUDONYMKEY"), Key + "\n");
        // Kubernetes mounts a Secret as links into a hidden "..data" folder; those are not settings.
        Directory.CreateDirectory(Path.Combine(secrets, "..data"));

        var settings = FarmConfiguration.Load(FarmRole.Ingest, null, Minimal(("Results:ConnectionString", null)), secrets);

        Assert.Equal("Host=db;Database=cf;Username=farm;Password=from-file", settings.Results!.ConnectionString);
        Assert.Equal("p-kuszqimedef6furu".Length, settings.Privacy!.Pseudonyms()!.Of("patient-7").Length);
    }

    [Fact]
    public void A_secrets_folder_that_is_not_there_is_named()
    {
        var missing = Path.Combine(folder, "nowhere");
        var error = Assert.Throws<FarmConfigurationException>(() => FarmConfiguration.Load(FarmRole.Ingest, null, Minimal(), missing));
        Assert.Equal($"CHROMOFARM_SECRETS_DIR={missing}: no such folder (mount the secrets there, or unset the variable)", error.Message);
    }

    [Theory]
    [InlineData("Privacy:PseudonymKey", "short", "Privacy:PseudonymKey: the pseudonym key must have at least 32 characters (got 5); make one with: openssl rand -base64 32")]
    [InlineData("Http:RequestsPerSecond", "-1", "Http:RequestsPerSecond (CHROMOFARM_HTTP__REQUESTSPERSECOND) must be 0 (off) or more, with RequestBurst at least 1")]
    [InlineData("Http:MaxJsonBytes", "0", "Http:MaxUploadBytes (CHROMOFARM_HTTP__MAXUPLOADBYTES) and MaxJsonBytes must be positive")]
    [InlineData("RabbitMq:CaCertificate", "/etc/lab-ca.pem", "RabbitMq:CaCertificate (CHROMOFARM_RABBITMQ__CACERTIFICATE) is set but RabbitMq:Url is not amqps://: the CA would not be used")]
    public void A_bad_security_setting_stops_the_role_with_its_name(string key, string value, string message)
    {
        var error = Assert.Throws<FarmConfigurationException>(() => FarmConfiguration.Load(FarmRole.Ingest, null, Minimal((key, value))));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_CA_file_for_amqps_must_exist()
    {
        var missing = Path.Combine(folder, "ca.pem");
        var error = Assert.Throws<FarmConfigurationException>(() =>
            FarmConfiguration.Load(FarmRole.Ingest, null, Minimal(("RabbitMq:Url", "amqps://farm:secret@broker:5671/"), ("RabbitMq:CaCertificate", missing))));
        Assert.Equal($"RabbitMq:CaCertificate (CHROMOFARM_RABBITMQ__CACERTIFICATE): {missing}: CA certificate file not found", error.Message);
    }

    [Fact]
    public void Only_the_roles_that_take_uploads_read_the_pseudonym_key()
    {
        Assert.Null(FarmConfiguration.Load(FarmRole.Worker, null, Minimal(("Privacy:PseudonymKey", Key))).Privacy);
        Assert.NotNull(FarmConfiguration.Load(FarmRole.Api, null, Minimal(("Privacy:PseudonymKey", Key))).Privacy!.Pseudonyms());
        Assert.Null(FarmConfiguration.Load(FarmRole.Ingest, null, Minimal()).Privacy!.Pseudonyms());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Dictionary<string, string?> Minimal(params (string Key, string? Value)[] changes)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RabbitMq:Url"] = "amqp://farm:secret@broker:5672/lab",
            ["ObjectStore:ServiceUrl"] = "http://minio:9000",
            ["ObjectStore:AccessKey"] = "farm",
            ["ObjectStore:SecretKey"] = "secret",
            ["Results:ConnectionString"] = "Host=db;Database=chromofarm;Username=farm;Password=secret",
        };
        foreach (var (key, value) in changes)
        {
            // null: not set here at all (so that a file may give it).
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
