namespace ChromoFarm.Native;

/// <summary>The native core's status codes (cf_status); every failure carries one.</summary>
public enum NativeStatus
{
    /// <summary>Success.</summary>
    Ok = 0,

    /// <summary>A NULL handle, a bad size, an out-of-range index.</summary>
    InvalidArgument = 1,

    /// <summary>A file could not be opened, read or written.</summary>
    Io = 2,

    /// <summary>Bytes that are not a supported image.</summary>
    Decode = 3,

    /// <summary>An image over the pixel limit.</summary>
    TooLarge = 4,

    /// <summary>A model file that is missing, corrupt or of another shape.</summary>
    Model = 5,

    /// <summary>A device that is not available (e.g. CUDA without a GPU).</summary>
    Device = 6,

    /// <summary>Anything else; the message says what.</summary>
    Internal = 7,
}
