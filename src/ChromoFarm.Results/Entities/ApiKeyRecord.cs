namespace ChromoFarm.Results.Entities;

/// <summary>An API key: only its SHA-256 is stored; the key itself is shown once, when it is created.</summary>
public sealed class ApiKeyRecord
{
    public long Id { get; set; }

    /// <summary>The key's public part (its first segment), to find the row without scanning.</summary>
    public required string KeyId { get; set; }

    /// <summary>SHA-256 of the whole key, lower-case hex.</summary>
    public required string KeyHash { get; set; }

    /// <summary>Who or what holds the key; it names the actor in the audit trail.</summary>
    public required string Name { get; set; }

    /// <summary>reader, reviewer, admin or ingest.</summary>
    public required string Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
