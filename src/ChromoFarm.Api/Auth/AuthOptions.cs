namespace ChromoFarm.Api;

/// <summary>
/// Credentials (section "Auth"). API keys always work; bearer tokens from the lab's identity provider (OIDC) work
/// when <see cref="JwtOptions.Authority"/> is set.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public JwtOptions Jwt { get; init; } = new();

    /// <summary>How long a page login lasts without use.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>A folder shared by the api replicas for the keys that protect login cookies; null keeps them in memory (one process).</summary>
    public string? DataProtectionKeys { get; init; }
}

/// <summary>Bearer tokens (section "Auth:Jwt").</summary>
public sealed class JwtOptions
{
    /// <summary>The identity provider's issuer URL (its /.well-known/openid-configuration is read); null: tokens are not accepted.</summary>
    public string? Authority { get; init; }

    /// <summary>The audience the tokens must name.</summary>
    public string? Audience { get; init; }

    /// <summary>The claim holding the role (reader, reviewer, admin, ingest); a token without one gets no access.</summary>
    public string RoleClaim { get; init; } = "roles";

    /// <summary>The claim naming the person in the audit trail.</summary>
    public string NameClaim { get; init; } = "preferred_username";

    /// <summary>False only for a test identity provider on plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; init; } = true;
}
