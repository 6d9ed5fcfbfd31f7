namespace ChromoFarm.Native;

/// <summary>A model file that is missing, corrupt, or of another shape than expected.</summary>
public sealed class ModelFileException : NativeException
{
    public ModelFileException()
        : base(NativeStatus.Model, "A model file that is missing, corrupt, or of another shape than expected.")
    {
    }

    public ModelFileException(string message)
        : base(NativeStatus.Model, message)
    {
    }

    public ModelFileException(string message, Exception innerException)
        : base(NativeStatus.Model, message, innerException)
    {
    }
}
