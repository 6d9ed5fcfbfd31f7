using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native.Tests;

/// <summary>The native handle count the leak tests compare against.</summary>
internal static class LiveHandles
{
    /// <summary>The count once finalizers of anything another test forgot have run.</summary>
    public static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return NativeHandle.LiveCount;
    }
}
