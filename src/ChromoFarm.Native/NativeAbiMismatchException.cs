namespace ChromoFarm.Native;

/// <summary>
/// The native library found speaks another C ABI version than this binding: calling it would
/// read structs with the wrong layout, so nothing is called at all.
/// </summary>
public sealed class NativeAbiMismatchException : NativeException
{
    public NativeAbiMismatchException()
        : base(NativeStatus.Internal, "The native core's C ABI version differs from the binding's.")
    {
    }

    public NativeAbiMismatchException(string message)
        : base(NativeStatus.Internal, message)
    {
    }

    public NativeAbiMismatchException(string message, Exception innerException)
        : base(NativeStatus.Internal, message, innerException)
    {
    }

    public NativeAbiMismatchException(int expectedVersion, int actualVersion, string libraryPath)
        : base(
            NativeStatus.Internal,
            $"{libraryPath} implements C ABI version {actualVersion}, but this ChromoFarm.Native expects {expectedVersion}; "
            + "rebuild both from the same revision (`make native`).")
    {
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>CF_ABI_VERSION the binding was written for.</summary>
    public int ExpectedVersion { get; }

    /// <summary>What the loaded library's cf_abi_version() returned.</summary>
    public int ActualVersion { get; }
}
