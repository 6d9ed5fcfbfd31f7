namespace ChromoFarm.Native.Interop;

/// <summary>Owns a cf_segmentation*.</summary>
internal sealed class SegmentationHandle : NativeHandle
{
    public SegmentationHandle()
    {
    }

    protected override void Destroy(nint pointer) => NativeMethods.cf_segmentation_destroy(pointer);
}
