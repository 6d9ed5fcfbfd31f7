using System.Security.Cryptography;

namespace ChromoFarm.Storage;

/// <summary>The key of content-addressed objects: SHA-256 of the bytes, lower-case hex.</summary>
public static class ContentKey
{
    private const int BufferSize = 81920;

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> and returns the key of what was copied.</summary>
    public static async Task<string> CopyAndHashAsync(Stream source, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
