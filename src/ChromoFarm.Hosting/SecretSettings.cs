using System.Data.Common;
using ChromoFarm.Hosting.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace ChromoFarm.Hosting;

/// <summary>
/// Secrets come from the environment or from files mounted for the purpose (CHROMOFARM_SECRETS_DIR: one file per
/// setting, named like the variable without its prefix, e.g. RESULTS__CONNECTIONSTRING), never from a JSON settings
/// file, which is copied into images, ConfigMaps and tickets. A JSON file that holds one stops the role at start.
/// </summary>
public static class SecretSettings
{
    public const string DirectoryVariable = "CHROMOFARM_SECRETS_DIR";

    /// <summary>Each secret setting and the test for a value that carries a secret.</summary>
    private static readonly (string Key, Func<string, bool> HoldsSecret)[] Secrets =
    [
        ("RabbitMq:Url", url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal)),
        ("Results:ConnectionString", HasPassword),
        ("ObjectStore:SecretKey", value => value.Length > 0),
        ("Privacy:PseudonymKey", value => value.Length > 0),
    ];

    /// <summary>The mounted secrets folder as a configuration source, when one is named.</summary>
    /// <exception cref="FarmConfigurationException">The folder does not exist.</exception>
    public static void AddMountedSecrets(IConfigurationBuilder builder, string? folder)
    {
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        var full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new FarmConfigurationException($"{DirectoryVariable}={folder}: no such folder (mount the secrets there, or unset the variable)");
        }

        // File names are case-insensitive keys with "__" between section and key; Kubernetes' "..data" links are skipped.
        builder.AddKeyPerFile(source =>
        {
            source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(full);
            source.Optional = false;
            source.IgnoreCondition = name => name.StartsWith("..", StringComparison.Ordinal);
        });
    }

    /// <exception cref="FarmConfigurationException">A secret's value comes from a JSON settings file.</exception>
    public static void RefuseSecretsInFiles(IConfigurationRoot root)
    {
        // Every JSON source, not only the one whose value wins: a secret left in a file leaks with the file.
        foreach (var (key, holdsSecret) in Secrets)
        {
            foreach (var json in root.Providers.OfType<JsonConfigurationProvider>())
            {
                if (!json.TryGet(key, out var value) || value is null || !holdsSecret(value))
                {
                    continue;
                }

                var variable = FarmConfiguration.EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant();
                throw new FarmConfigurationException(
                    $"{key} holds a secret and is set in {Where(json)}: give it in {variable} or a file {variable[FarmConfiguration.EnvironmentPrefix.Length..]} in ${DirectoryVariable}, not in a settings file");
            }
        }
    }

    // The JSON source's path is relative to its file provider's root.
    private static string Where(JsonConfigurationProvider json) =>
        json.Source.FileProvider is Microsoft.Extensions.FileProviders.PhysicalFileProvider physical && json.Source.Path is { } path
            ? Path.Combine(physical.Root, path)
            : json.Source.Path ?? "a settings file";

    private static bool HasPassword(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.TryGetValue("Password", out var password) && password is string { Length: > 0 };
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
