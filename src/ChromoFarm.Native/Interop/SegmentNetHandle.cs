namespace ChromoFarm.Native.Interop;

/// <summary>Owns a cf_segment_net*.</summary>
internal sealed class SegmentNetHandle : NativeHandle
{
    public SegmentNetHandle()
    {
    }

    protected override void Destroy(nint pointer) => NativeMethods.cf_segment_net_destroy(pointer);
}
