using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native;

/// <summary>
/// An 8-bit grey image held by the native core: a decoded metaphase spread or a chromosome
/// crop. Dispose it; the pixels live in native memory.
/// </summary>
public sealed class GreyImage : IDisposable
{
    /// <summary>
    /// The default pixel limit for decoding: 10⁸ (a 10,000 × 10,000 scan), far above any
    /// metaphase image yet small enough that a forged header cannot make the decoder allocate gigabytes.
    /// </summary>
    public const long DefaultMaxPixels = 100_000_000;

    // Names bytes decoded without a source name in error messages.
    private const string UnnamedSource = "image data";

    internal GreyImage(ImageHandle handle)
    {
        Handle = handle;
        try
        {
            (Width, Height) = Proxy.cf_image_size(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Columns, px.</summary>
    public int Width { get; }

    /// <summary>Rows, px.</summary>
    public int Height { get; }

    internal ImageHandle Handle { get; }

    /// <summary>
    /// Decodes a TIFF (LZW included), PNG, JPEG or BMP (palette included) file to grey.
    /// </summary>
    /// <param name="path">The image file.</param>
    /// <param name="maxPixels">Width × height above which the image is refused from its header alone; &lt;= 0: no limit.</param>
    /// <exception cref="ImageDecodeException">Not a supported image, or corrupt; the message starts with the path.</exception>
    /// <exception cref="ImageTooLargeException">Over <paramref name="maxPixels"/>.</exception>
    /// <exception cref="NativeException">With <see cref="NativeStatus.Io"/> when the file cannot be read.</exception>
    public static GreyImage Decode(string path, long maxPixels = DefaultMaxPixels)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new GreyImage(Proxy.cf_image_decode_file(path, maxPixels));
    }

    /// <summary>Decodes an encoded image held in memory (e.g. fetched from the object store).</summary>
    /// <param name="data">The file's bytes.</param>
    /// <param name="maxPixels">Width × height above which the image is refused from its header alone; &lt;= 0: no limit.</param>
    /// <param name="sourceName">Where the bytes came from (a file name, an object key); starts every error message.</param>
    /// <exception cref="ImageDecodeException">Not a supported image, or corrupt.</exception>
    /// <exception cref="ImageTooLargeException">Over <paramref name="maxPixels"/>.</exception>
    public static GreyImage Decode(ReadOnlySpan<byte> data, long maxPixels = DefaultMaxPixels, string? sourceName = null)
    {
        if (data.IsEmpty)
        {
            // An empty span pins to NULL, which the core would report as a bad argument; to the
            // caller it is simply not an image.
            throw Proxy.Failure(NativeStatus.Decode, "empty (0 bytes), not an image", "cf_image_decode_buffer", sourceName ?? UnnamedSource);
        }

        return new GreyImage(Proxy.cf_image_decode_buffer(data, maxPixels, sourceName ?? UnnamedSource));
    }

    /// <summary>Copies a row-major 8-bit grey buffer into a new image.</summary>
    /// <param name="pixels">At least <c>stride * (height - 1) + width</c> bytes.</param>
    /// <param name="width">Columns, &gt; 0.</param>
    /// <param name="height">Rows, &gt; 0.</param>
    /// <param name="stride">Bytes from one row to the next; 0 means <paramref name="width"/>.</param>
    public static GreyImage FromPixels(ReadOnlySpan<byte> pixels, int width, int height, int stride = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (stride == 0)
        {
            stride = width;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(stride, width);
        var needed = ((long)stride * (height - 1)) + width;
        if (pixels.Length < needed)
        {
            throw new ArgumentException(
                $"{width}x{height} pixels with stride {stride} need {needed} bytes, got {pixels.Length}", nameof(pixels));
        }

        return new GreyImage(Proxy.cf_image_from_pixels(pixels, width, height, stride));
    }

    /// <summary>The pixels, row-major, <see cref="Width"/> × <see cref="Height"/> bytes.</summary>
    public byte[] CopyPixels()
    {
        var pixels = new byte[checked(Width * Height)];
        CopyPixels(pixels);
        return pixels;
    }

    /// <summary>Copies the pixels, row-major, into <paramref name="destination"/> (at least Width × Height bytes).</summary>
    public void CopyPixels(Span<byte> destination)
    {
        var needed = (long)Width * Height;
        if (destination.Length < needed)
        {
            throw new ArgumentException($"needs {needed} bytes, got {destination.Length}", nameof(destination));
        }

        Proxy.cf_image_copy_pixels(Handle, destination);
    }

    /// <summary>Writes the image as an 8-bit grey PNG.</summary>
    /// <exception cref="NativeException">With <see cref="NativeStatus.Io"/> when the file cannot be written.</exception>
    public void WritePng(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Proxy.cf_image_write_png(Handle, path);
    }

    /// <summary>The image encoded as an 8-bit grey PNG.</summary>
    public byte[] EncodePng() => Proxy.cf_image_encode_png(Handle, Width, Height);

    /// <summary>
    /// This single-chromosome crop as a karyogram shows it: dark on white whatever the stain, its long axis turned
    /// vertical, the pixels around the chromosome white, cut to it plus <paramref name="margin"/> px.
    /// </summary>
    public GreyImage Upright(int margin = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        return new GreyImage(Proxy.cf_image_upright(Handle, margin));
    }

    /// <summary>Measures the chromosome in this crop: its length, area and polarity.</summary>
    public CropMeasure Measure()
    {
        var measure = Proxy.cf_crop_measure_image(Handle);
        return new CropMeasure(measure.Length, measure.Area, measure.LightOnDark != 0);
    }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();
}
