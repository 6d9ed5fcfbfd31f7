namespace ChromoFarm.Training.Tests;

/// <summary>
/// Training draws dropout masks from libtorch's process-wide CPU generator, and creating a model reseeds it:
/// test classes that train must not run in parallel, or a resumed run stops matching its uninterrupted twin.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TorchRandomState
{
    public const string Name = "libtorch global random state";
}
