using System.Security.Cryptography;
using System.Text;
using ChromoFarm.Results.Entities;
using Microsoft.EntityFrameworkCore;

namespace ChromoFarm.Results;

/// <summary>A key as created: <see cref="Key"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(string Key, ApiKeyRecord Record);

/// <summary>Why a presented key was refused, or the key's record when it is good.</summary>
public sealed record ApiKeyCheck(ApiKeyRecord? Key, string? Refusal);

/// <summary>
/// API keys: "cfk_" + a public id + "_" + 32 random characters. Only the SHA-256 of the whole key is stored
/// (the secret part has 190 bits of entropy, so a fast hash is enough); the id finds the row, and the hashes are
/// compared in constant time. Creating and revoking keys is audited.
/// </summary>
public sealed class ApiKeyStore(DbContextOptions<ResultsDbContext> options, TimeProvider? clock = null)
{
    public const string Prefix = "cfk_";
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string SecretAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const int IdLength = 10;
    private const int SecretLength = 32;

    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <param name="name">Who holds it; it names the actor in the audit trail.</param>
    /// <param name="lifetime">Null: valid until revoked.</param>
    /// <param name="actor">Who creates it (the audit row's actor).</param>
    /// <exception cref="ArgumentException">An unknown role or an empty name.</exception>
    public async Task<CreatedApiKey> CreateAsync(string name, string role, TimeSpan? lifetime, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("an API key needs a name (who holds it)", nameof(name));
        }

        if (!ApiRoles.All.Contains(role))
        {
            throw new ArgumentException($"role '{role}' is not one of {string.Join(", ", ApiRoles.All)}", nameof(role));
        }

        var id = RandomNumberGenerator.GetString(IdAlphabet, IdLength);
        var key = $"{Prefix}{id}_{RandomNumberGenerator.GetString(SecretAlphabet, SecretLength)}";
        var now = clock.GetUtcNow();
        var record = new ApiKeyRecord
        {
            KeyId = id,
            KeyHash = Hash(key),
            Name = name.Trim(),
            Role = role,
            CreatedAt = now,
            ExpiresAt = lifetime is { } span ? now + span : null,
        };
        await using var db = new ResultsDbContext(options);
        db.ApiKeys.Add(record);
        db.Audit.Add(new AuditRecord { At = now, Actor = actor, Action = "api_key_created", ToValue = $"{id} {role}", Detail = record.Name });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(key, record);
    }

    /// <summary>The key's record when it is known, unexpired and unrevoked; else why not, in one line.</summary>
    public async Task<ApiKeyCheck> CheckAsync(string presented, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var parts = presented.StartsWith(Prefix, StringComparison.Ordinal) ? presented[Prefix.Length..].Split('_') : [];
        if (parts.Length != 2 || parts[0].Length != IdLength || parts[1].Length != SecretLength)
        {
            return new ApiKeyCheck(null, "the API key is malformed (expected cfk_<id>_<secret>)");
        }

        await using var db = new ResultsDbContext(options);
        var record = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyId == parts[0], cancellationToken).ConfigureAwait(false);
        if (record is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(record.KeyHash), Encoding.ASCII.GetBytes(Hash(presented))))
        {
            return new ApiKeyCheck(null, "the API key is not known");
        }

        var now = clock.GetUtcNow();
        return record.RevokedAt is { } revoked ? new ApiKeyCheck(null, $"the API key {record.KeyId} was revoked at {revoked:u}")
            : record.ExpiresAt is { } expires && expires <= now ? new ApiKeyCheck(null, $"the API key {record.KeyId} expired at {expires:u}")
            : new ApiKeyCheck(record, null);
    }

    /// <returns>False when no unrevoked key has that id.</returns>
    public async Task<bool> RevokeAsync(string keyId, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        var record = await db.ApiKeys.FirstOrDefaultAsync(k => k.KeyId == keyId && k.RevokedAt == null, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        record.RevokedAt = now;
        db.Audit.Add(new AuditRecord { At = now, Actor = actor, Action = "api_key_revoked", FromValue = $"{record.KeyId} {record.Role}", Detail = record.Name });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = new ResultsDbContext(options);
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
