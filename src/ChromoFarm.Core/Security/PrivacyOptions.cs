namespace ChromoFarm.Security;

/// <summary>How patient ids are stored (section "Privacy"). A secret: give it in the environment or a mounted file.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>The environment variable `chromofarm run` and every role read it from.</summary>
    public const string KeyVariable = "CHROMOFARM_PRIVACY__PSEUDONYMKEY";

    /// <summary>When set, case ids (and the folders named after them in source names) are replaced by
    /// <see cref="PatientPseudonyms"/> before anything is stored. At least 32 characters.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Null when no key is set.</summary>
    /// <exception cref="ArgumentException">The key is too short.</exception>
    public PatientPseudonyms? Pseudonyms() => string.IsNullOrEmpty(PseudonymKey) ? null : new PatientPseudonyms(PseudonymKey);
}
