namespace ChromoFarm.Native;

/// <summary>
/// A call into the native core failed. <see cref="Exception.Message"/> is the core's own
/// message (cf_last_error), prefixed with the file or source it concerned where known, so
/// that "FILE: reason" can be printed as it stands.
/// </summary>
public class NativeException : Exception
{
    public NativeException()
        : this(NativeStatus.Internal, "The native core failed.")
    {
    }

    public NativeException(string message)
        : this(NativeStatus.Internal, message)
    {
    }

    public NativeException(string message, Exception innerException)
        : this(NativeStatus.Internal, message, innerException)
    {
    }

    public NativeException(NativeStatus status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>The cf_status the call returned.</summary>
    public NativeStatus Status { get; }

    /// <summary>The file or source (object key, path) the failed call concerned, when known; the message starts with it.</summary>
    public string? SourceName { get; internal set; }
}
