namespace ChromoFarm.Native;

/// <summary>The requested compute device (e.g. CUDA) is not available in this process.</summary>
public sealed class DeviceUnavailableException : NativeException
{
    public DeviceUnavailableException()
        : base(NativeStatus.Device, "The requested compute device (e.g. CUDA) is not available in this process.")
    {
    }

    public DeviceUnavailableException(string message)
        : base(NativeStatus.Device, message)
    {
    }

    public DeviceUnavailableException(string message, Exception innerException)
        : base(NativeStatus.Device, message, innerException)
    {
    }
}
