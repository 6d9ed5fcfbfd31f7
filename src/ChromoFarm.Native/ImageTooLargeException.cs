namespace ChromoFarm.Native;

/// <summary>An image whose header declares more pixels than the allowed maximum; refused before its pixels are decoded.</summary>
public sealed class ImageTooLargeException : NativeException
{
    public ImageTooLargeException()
        : base(NativeStatus.TooLarge, "An image whose header declares more pixels than the allowed maximum; refused before its pixels are decoded.")
    {
    }

    public ImageTooLargeException(string message)
        : base(NativeStatus.TooLarge, message)
    {
    }

    public ImageTooLargeException(string message, Exception innerException)
        : base(NativeStatus.TooLarge, message, innerException)
    {
    }
}
