namespace ChromoFarm.Hosting.Options;

/// <summary>A setting is missing or invalid; the message names it as an environment variable and a config key.</summary>
public sealed class FarmConfigurationException(string message) : Exception(message)
{
    /// <summary>"Section:Key (CHROMOFARM_SECTION__KEY)": how an operator can set it either way.</summary>
    public static string Setting(string section, string key) =>
        $"{section}:{key} (CHROMOFARM_{$"{section}:{key}".Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()})";
}
