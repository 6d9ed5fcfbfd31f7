using System.Runtime.InteropServices;
using ChromoFarm.Native;
using ChromoFarm.Storage;
using SkiaSharp;

namespace ChromoFarm.Karyograms;

/// <summary>Fetches and decodes the stored images a picture needs, once each, turning native grey pixels into bitmaps.</summary>
internal static class ChromosomeBitmaps
{
    private const int ConcurrentFetches = 8;

    /// <summary>The bytes of each distinct key; a key the store lacks maps to null (the picture shows a gap, not an error).</summary>
    public static async Task<Dictionary<string, byte[]?>> FetchAsync(IObjectStore store, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        using var throttle = new SemaphoreSlim(ConcurrentFetches);
        var fetched = await Task.WhenAll(keys.Distinct(StringComparer.Ordinal).Select(async key =>
        {
            await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return (key, Bytes: await store.GetAsync(key, cancellationToken).ConfigureAwait(false));
            }
            catch (FileNotFoundException)
            {
                return (key, Bytes: (byte[]?)null);
            }
            finally
            {
                throttle.Release();
            }
        })).ConfigureAwait(false);
        return fetched.ToDictionary(f => f.key, f => f.Bytes, StringComparer.Ordinal);
    }

    /// <summary>Decodes, or null when the bytes are not an image the core reads.</summary>
    public static GreyImage? TryDecode(byte[]? bytes, string key)
    {
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return GreyImage.Decode(bytes, GreyImage.DefaultMaxPixels, key);
        }
        catch (NativeException)
        {
            return null;
        }
    }

    /// <summary>Row-major grey pixels (width × height bytes) as a bitmap to draw.</summary>
    public static SKBitmap ToBitmap(byte[] pixels, int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        var rowBytes = bitmap.RowBytes;
        var destination = bitmap.GetPixels();
        if (rowBytes == width)
        {
            Marshal.Copy(pixels, 0, destination, width * height);
        }
        else
        {
            for (var y = 0; y < height; y++)
            {
                Marshal.Copy(pixels, y * width, destination + (y * rowBytes), width);
            }
        }

        return bitmap;
    }
}
