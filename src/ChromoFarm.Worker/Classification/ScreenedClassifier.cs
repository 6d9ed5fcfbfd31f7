using System.Globalization;
using ChromoFarm.Karyotyping;
using ChromoFarm.Screening;

namespace ChromoFarm.Worker.Classification;

/// <summary>A cell's classification, or why it was refused.</summary>
/// <param name="Probabilities">Per chromosome, the 24 class probabilities; null when refused.</param>
/// <param name="Model">The model that classified it (with several, the one that fitted best).</param>
/// <param name="Refusal">One line: why the cell gets no karyotype; null when it was classified.</param>
/// <param name="Note">The cell's input check: its stain, how the model was chosen, what the screen set aside; null when no model ran.</param>
public sealed record ScreenedCell(float[][]? Probabilities, ChromosomeModel? Model, string? Refusal, string? Note);

/// <summary>
/// Classifies cells with the model of their stain and refuses what no model can answer: a cell whose measured
/// stain fits no model (brightfield vs fluorescence), and a cell whose chromosomes the model does not recognise
/// (karyotype fit below <see cref="ScreeningOptions.MinKaryotypeFit"/>: out of its distribution).
/// With several models of fitting stains (Q-band and DAPI for a fluorescent cell), every one classifies the cell
/// and the one with the best karyotype fit is kept: the models' fit decides what the image cannot.
/// </summary>
/// <remarks>
/// Thread-safe: calls are served one at a time (its <see cref="BatchClassifier"/>s share their buffers), so a worker
/// can fetch and decode one batch while another is classified.
/// </remarks>
public sealed class ScreenedClassifier
{
    private static readonly ChromosomeAssigner Assigner = new();

    private readonly Lock gate = new();

    private readonly IReadOnlyList<BatchClassifier> classifiers;
    private readonly ScreeningOptions options;

    public ScreenedClassifier(IReadOnlyList<BatchClassifier> classifiers, ScreeningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(classifiers);
        ArgumentOutOfRangeException.ThrowIfZero(classifiers.Count);
        this.classifiers = classifiers;
        this.options = options ?? new ScreeningOptions();
    }

    public IReadOnlyList<ChromosomeModel> Models => classifiers.Select(c => c.Model).ToArray();

    /// <param name="started">Called once this call's turn has come (after any other call in progress), so that a
    /// span can time the classification and not the wait.</param>
    public ScreenedCell[] Classify(IReadOnlyList<PreparedCell> cells, Action? started = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        lock (gate)
        {
            started?.Invoke();
            return ClassifyInTurn(cells);
        }
    }

    private ScreenedCell[] ClassifyInTurn(IReadOnlyList<PreparedCell> cells)
    {
        var candidates = cells.Select(Candidates).ToArray();
        var outputs = new float[classifiers.Count][][][];
        for (var m = 0; m < classifiers.Count; m++)
        {
            var mine = Enumerable.Range(0, cells.Count).Where(c => candidates[c].Contains(m)).ToArray();
            var classified = mine.Length == 0 ? [] : classifiers[m].Classify(mine.Select(c => cells[c]).ToArray());
            outputs[m] = new float[cells.Count][][];
            for (var k = 0; k < mine.Length; k++)
            {
                outputs[m][mine[k]] = classified[k];
            }
        }

        return cells.Select((cell, c) => Decide(cell, candidates[c], outputs, c)).ToArray();
    }

    /// <summary>
    /// How well a model's answer fits a karyotype: the mean probability of each chromosome's class after the
    /// two-copies-per-class assignment. A model that knows the stain gives each chromosome its class and the cell
    /// about two of each; a model of another stain is often as confident, but piles its labels on a few classes,
    /// and the assignment has to give most chromosomes a class the model found unlikely.
    /// </summary>
    public static double KaryotypeFit(float[][] probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        return probabilities.Length == 0 ? 0 : Assigner.Assign(probabilities).Confidences.Average(p => (double)p);
    }

    private int[] Candidates(PreparedCell cell)
    {
        var fitting = Enumerable.Range(0, classifiers.Count).Where(m => cell.Stain.Fits(classifiers[m].Model.Info.TrainedStain)).ToArray();
        // One model and no refusal wanted: it classifies whatever comes, the mismatch is only noted.
        return fitting.Length == 0 && !options.RefuseStainMismatch ? [0] : fitting;
    }

    private ScreenedCell Decide(PreparedCell cell, int[] candidates, float[][][][] outputs, int c)
    {
        var source = cell.Chromosomes[0].SourceName;
        if (candidates.Length == 0)
        {
            var stains = string.Join(" or ", classifiers.Select(k => $"{k.Model.Info.TrainedStain.Name()} ({k.Model.Version})"));
            return new ScreenedCell(null, null,
                $"{source}: stain mismatch: the image is {cell.Stain.Name()}, the model is {stains}; pass a model of this stain or --model auto", null);
        }

        var scored = candidates.Select(m => (Model: m, Fit: KaryotypeFit(outputs[m][c]))).OrderByDescending(s => s.Fit).ToArray();
        var best = scored[0];
        var model = classifiers[best.Model].Model;
        var note = Note(cell, scored);
        if (best.Fit < options.MinKaryotypeFit)
        {
            return new ScreenedCell(null, model, string.Create(CultureInfo.InvariantCulture,
                $"{source}: out of the model's distribution: karyotype fit {best.Fit:0.00} (below {options.MinKaryotypeFit:0.00}) with {model.Version} ({model.Info.TrainedStain.Name()}); not a metaphase of this stain, or too poor to call"), note);
        }

        return new ScreenedCell(outputs[best.Model][c], model, null, note);
    }

    private string Note(PreparedCell cell, (int Model, double Fit)[] scored)
    {
        var lines = new List<string>();
        var model = classifiers[scored[0].Model].Model;
        if (!cell.Stain.Fits(model.Info.TrainedStain))
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"stain mismatch: image {cell.Stain.Name()}, model {model.Info.TrainedStain.Name()}; karyotype fit {scored[0].Fit:0.00}"));
        }
        else if (scored.Length == 1)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"stain {cell.Stain.Name()}; karyotype fit {scored[0].Fit:0.00}"));
        }
        else
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"stain {cell.Stain.Name()}: {model.Info.TrainedStain.Name()} model chosen (karyotype fit {string.Join(" vs ", scored.Select(s => $"{classifiers[s.Model].Model.Info.TrainedStain.Name()} {s.Fit:0.00}"))})"));
        }

        lines.AddRange(cell.Notes);
        return string.Join("; ", lines);
    }
}
