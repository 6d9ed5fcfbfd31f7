namespace ChromoFarm.Native.Interop;

/// <summary>Owns a cf_model*.</summary>
internal sealed class ModelHandle : NativeHandle
{
    public ModelHandle()
    {
    }

    protected override void Destroy(nint pointer) => NativeMethods.cf_model_destroy(pointer);
}
