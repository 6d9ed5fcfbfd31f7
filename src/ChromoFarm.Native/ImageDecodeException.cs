namespace ChromoFarm.Native;

/// <summary>Bytes that are not a supported image (TIFF, PNG, JPEG, BMP), or a truncated or corrupt one.</summary>
public sealed class ImageDecodeException : NativeException
{
    public ImageDecodeException()
        : base(NativeStatus.Decode, "Bytes that are not a supported image (TIFF, PNG, JPEG, BMP), or a truncated or corrupt one.")
    {
    }

    public ImageDecodeException(string message)
        : base(NativeStatus.Decode, message)
    {
    }

    public ImageDecodeException(string message, Exception innerException)
        : base(NativeStatus.Decode, message, innerException)
    {
    }
}
