using Microsoft.Win32.SafeHandles;

namespace ChromoFarm.Native.Interop;

/// <summary>
/// Base of the one-per-opaque-type SafeHandles. Counts the native objects alive in the
/// process so that tests can prove every create was matched by a destroy.
/// </summary>
internal abstract class NativeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private static long s_live;
    private int _counted;

    protected NativeHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Native objects created through this binding and not yet destroyed.</summary>
    internal static long LiveCount => Interlocked.Read(ref s_live);

    /// <summary>Called by <see cref="Proxy"/> once a create call has filled the handle.</summary>
    internal void MarkCreated()
    {
        if (Interlocked.Exchange(ref _counted, 1) == 0)
        {
            Interlocked.Increment(ref s_live);
        }
    }

    protected sealed override bool ReleaseHandle()
    {
        Destroy(handle);
        if (Interlocked.Exchange(ref _counted, 0) == 1)
        {
            Interlocked.Decrement(ref s_live);
        }

        return true;
    }

    /// <summary>Calls the C destroy function; it accepts NULL and never fails.</summary>
    protected abstract void Destroy(nint pointer);
}
