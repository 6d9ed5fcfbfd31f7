namespace ChromoFarm.Native.Interop;

/// <summary>Owns a cf_image*.</summary>
internal sealed class ImageHandle : NativeHandle
{
    // The source-generated marshaller creates the handle before the call fills it.
    public ImageHandle()
    {
    }

    protected override void Destroy(nint pointer) => NativeMethods.cf_image_destroy(pointer);
}
