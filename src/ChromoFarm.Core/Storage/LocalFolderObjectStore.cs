namespace ChromoFarm.Storage;

/// <summary>Objects as files under a folder, sharded by the first two bytes of the key (ab/cd/abcd…).</summary>
/// <remarks>Writes go to a temporary file that is renamed into place, so a crash never leaves a partial object under its key.</remarks>
public sealed class LocalFolderObjectStore : IObjectStore
{
    private readonly string root;

    public LocalFolderObjectStore(string root)
    {
        this.root = Path.GetFullPath(root);
        Directory.CreateDirectory(this.root);
    }

    public async Task<StoredObject> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temporary = Path.Combine(root, $".incoming-{Guid.NewGuid():N}");
        try
        {
            string key;
            long length;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                key = await ContentKey.CopyAndHashAsync(content, file, cancellationToken).ConfigureAwait(false);
                length = file.Length;
            }

            var target = PathOf(key);
            if (File.Exists(target))
            {
                return new StoredObject(key, length, AlreadyStored: true);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(temporary, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another writer stored the same content first: same bytes, same key.
                return new StoredObject(key, length, AlreadyStored: true);
            }

            return new StoredObject(key, length, AlreadyStored: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async IAsyncEnumerable<string> ListKeysAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Objects live at ab/cd/KEY; temporary files (.incoming-…) sit at the root and are not keys.
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(path);
            if (ContentKey.IsKey(name) && path == PathOf(name))
            {
                yield return name;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"object {key} is not in the store at {root}", path);
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(PathOf(key)));

    private string PathOf(string key)
    {
        if (key.Length != 64 || !key.All(Uri.IsHexDigit))
        {
            throw new ArgumentException($"'{key}' is not a SHA-256 object key", nameof(key));
        }

        return Path.Combine(root, key[..2], key[2..4], key);
    }
}
