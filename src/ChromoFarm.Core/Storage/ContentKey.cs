using System.Security.Cryptography;

namespace ChromoFarm.Storage;

/// <summary>The key of content-addressed objects: SHA-256 of the bytes, lower-case hex.</summary>
public static class ContentKey
{
    private const int BufferSize = 81920;

    /// <summary>Whether <paramref name="key"/> has the form of a key (64 lower-case hex digits).</summary>
    public static bool IsKey(string? key) => key is { Length: 64 } && key.All(char.IsAsciiHexDigitLower);

    /// <summary>The key of a stream's content, read to its end.</summary>
    public static async Task<string> OfAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var hash = SHA256.Create();
        return Convert.ToHexStringLower(await hash.ComputeHashAsync(content, cancellationToken).ConfigureAwait(false));
    }

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
