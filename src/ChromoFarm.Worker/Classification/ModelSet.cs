namespace ChromoFarm.Worker.Classification;

/// <summary>
/// The models a worker classifies with: one file (or one ensemble), or with "auto" every ChromoFarm model in the
/// shipped models folder that records its stain, so that each cell goes to the model of its stain
/// (<see cref="ScreenedClassifier"/>). Several files of one stain become that stain's ensemble.
/// </summary>
public sealed class ModelSet : IDisposable
{
    /// <summary>The value of `--model` and `Worker:Model` that picks per image among the shipped models.</summary>
    public const string Auto = "auto";

    private ModelSet(IReadOnlyList<ChromosomeModel> models) => Models = models;

    public IReadOnlyList<ChromosomeModel> Models { get; }

    /// <param name="model">A model file, or <see cref="Auto"/>.</param>
    /// <param name="shippedFolder">Where "auto" looks for models.</param>
    /// <exception cref="Native.ModelFileException">A model file is missing or corrupt, or "auto" finds no model with a stain.</exception>
    public static ModelSet Load(string model, string shippedFolder, Native.ComputeDevice device, Native.InferencePrecision precision = Native.InferencePrecision.Fp32)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (!string.Equals(model, Auto, StringComparison.OrdinalIgnoreCase))
        {
            return new ModelSet([ChromosomeModel.Load(model, device, precision)]);
        }

        var loaded = new List<ChromosomeModel>();
        try
        {
            IEnumerable<string> files = Directory.Exists(shippedFolder) ? Directory.EnumerateFiles(shippedFolder, "*.cfm").Order(StringComparer.Ordinal) : [];
            foreach (var file in files)
            {
                var candidate = ChromosomeModel.Load(file, device, precision);
                if (candidate.Info.TrainedStain == Screening.Stain.Unknown)
                {
                    candidate.Dispose();
                    continue;
                }

                loaded.Add(candidate);
            }
        }
        catch
        {
            loaded.ForEach(m => m.Dispose());
            throw;
        }

        if (loaded.Count == 0)
        {
            throw new Native.ModelFileException($"{shippedFolder}: --model auto found no model that records its stain (see `chromofarm models list`)");
        }

        // Two models of one stain would otherwise compete per cell on their fit; averaged, they are the better one.
        try
        {
            return new ModelSet(loaded.GroupBy(m => m.Info.TrainedStain)
                .Select(stain => stain.Count() == 1 ? stain.First() : ChromosomeModel.Combine(stain.ToArray()))
                .ToArray());
        }
        catch
        {
            loaded.ForEach(m => m.Dispose());
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var model in Models)
        {
            model.Dispose();
        }
    }
}
