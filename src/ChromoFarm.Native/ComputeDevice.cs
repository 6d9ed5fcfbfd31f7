namespace ChromoFarm.Native;

/// <summary>Where a model's tensors live (cf_device).</summary>
public enum ComputeDevice
{
    /// <summary>The CPU.</summary>
    Cpu = 0,

    /// <summary>The first CUDA GPU; refused with <see cref="DeviceUnavailableException"/> when there is none.</summary>
    Cuda = 1,

    /// <summary>CUDA when libtorch sees a GPU, else the CPU. A model reports the device it chose.</summary>
    Auto = 2,
}
