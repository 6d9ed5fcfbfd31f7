namespace ChromoFarm.Native.Interop;

/// <summary>
/// Owns a cf_trainer*. The C ABI requires the model to outlive the trainer, so the handle
/// holds a reference on the model's handle and drops it only after the trainer is destroyed,
/// whichever of the two the caller disposes (or the finalizer reaches) first.
/// </summary>
internal sealed class TrainerHandle : NativeHandle
{
    private ModelHandle? _model;

    public TrainerHandle()
    {
    }

    /// <summary>
    /// Takes over a reference the caller already added on <paramref name="model"/>
    /// (see <see cref="Proxy.CreateTrainer"/>); it is released after cf_trainer_destroy.
    /// </summary>
    internal void AdoptModelReference(ModelHandle model) => _model = model;

    protected override void Destroy(nint pointer)
    {
        NativeMethods.cf_trainer_destroy(pointer);
        Interlocked.Exchange(ref _model, null)?.DangerousRelease();
    }
}
