using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native;

/// <summary>The native core as a whole: its version, build, devices and threads.</summary>
public static class NativeCore
{
    /// <summary>The C ABI version (CF_ABI_VERSION) this binding was written against.</summary>
    public const int ExpectedAbiVersion = NativeMethods.ExpectedAbiVersion;

    /// <summary>Classes the classifier distinguishes: 1..22, X, Y.</summary>
    public const int NumClasses = NativeMethods.NumClasses;

    /// <summary>Size features per crop beside the pixels: relative length, relative area.</summary>
    public const int NumSizeFeatures = NativeMethods.NumSizeFeatures;

    /// <summary>The loaded library's cf_abi_version(); read without the ABI check, so it can be reported.</summary>
    public static int AbiVersion => Proxy.cf_abi_version();

    /// <summary>Versions of the library and of what it was built against (libtorch, OpenCV).</summary>
    public static string BuildInfo => Proxy.cf_build_info();

    /// <summary>Whether libtorch in this process sees a usable CUDA device.</summary>
    public static bool CudaAvailable => Proxy.cf_cuda_available();

    /// <summary>Where the library was loaded from, or null before the first call into it.</summary>
    public static string? LibraryPath => NativeLibraryResolver.LoadedFrom;

    /// <summary>
    /// Loads the library and checks its ABI version now, rather than at the first real call;
    /// throws <see cref="DllNotFoundException"/> or <see cref="NativeAbiMismatchException"/>.
    /// </summary>
    public static void EnsureLoaded() => Proxy.EnsureReady();

    /// <summary>Sets the intra-op threads of libtorch and OpenCV; <c>threads &lt;= 0</c> keeps the default.</summary>
    public static void SetThreads(int threads) => Proxy.cf_set_num_threads(threads);
}
