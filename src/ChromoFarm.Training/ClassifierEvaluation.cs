using System.Diagnostics;
using ChromoFarm.Datasets;
using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Training;

/// <summary>Per-chromosome and per-cell accuracy of a model on labelled cells, argmax and after assignment.</summary>
public static class ClassifierEvaluation
{
    // Cells decoded and classified together: enough crops to fill a 256 batch, few enough to bound memory.
    private const int CellsPerChunk = 8;

    /// <summary>Times the whole path a worker runs: read + decode + measure + preprocess + forward + assignment.</summary>
    public static EvaluationReport Run(ChromosomeModel model, IReadOnlyList<ManifestCell> cells, string? split, CellPreparation preparation, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cells);
        var classifier = new BatchClassifier(model);
        var assigner = new ChromosomeAssigner();
        var tally = new Tally();
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < cells.Count; start += CellsPerChunk)
        {
            var chunk = cells.Skip(start).Take(CellsPerChunk).Select(c => LabelledCell.Load(c, preparation)).ToArray();
            try
            {
                var probabilities = classifier.Classify(chunk.Select(c => c.Prepared).ToArray());
                for (var i = 0; i < chunk.Length; i++)
                {
                    tally.Add(chunk[i].Labels, assigner.Assign(probabilities[i]));
                }
            }
            finally
            {
                foreach (var cell in chunk)
                {
                    cell.Dispose();
                }
            }

            progress?.Invoke(Math.Min(cells.Count, start + CellsPerChunk));
        }

        watch.Stop();
        return tally.Report(model.Version, split, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Scores already-computed probabilities (used during training, where crops stay in memory).</summary>
    public static EvaluationReport Score(string modelVersion, IReadOnlyList<LabelledCell> cells, float[][][] probabilities, double seconds)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(probabilities);
        var assigner = new ChromosomeAssigner();
        var tally = new Tally();
        for (var i = 0; i < cells.Count; i++)
        {
            tally.Add(cells[i].Labels, assigner.Assign(probabilities[i]));
        }

        return tally.Report(modelVersion, null, seconds);
    }

    private sealed class Tally
    {
        private int cells;
        private int chromosomes;
        private int correct;
        private int correctAssigned;
        private int cellsCorrect;
        private int cellsCorrectAssigned;
        private int karyotypesExact;

        public void Add(IReadOnlyList<ChromosomeClass> truth, CellAssignment assignment)
        {
            var argmaxHits = truth.Where((t, i) => assignment.ArgmaxLabels[i] == t).Count();
            var assignedHits = truth.Where((t, i) => assignment.Labels[i] == t).Count();
            cells++;
            chromosomes += truth.Count;
            correct += argmaxHits;
            correctAssigned += assignedHits;
            cellsCorrect += argmaxHits == truth.Count ? 1 : 0;
            cellsCorrectAssigned += assignedHits == truth.Count ? 1 : 0;
            karyotypesExact += Karyotype.FromLabels(assignment.Labels).Equals(Karyotype.FromLabels(truth)) ? 1 : 0;
        }

        public EvaluationReport Report(string modelVersion, string? split, double seconds) => new(
            modelVersion,
            split,
            cells,
            chromosomes,
            Fraction(correct, chromosomes),
            Fraction(correctAssigned, chromosomes),
            Fraction(cellsCorrect, cells),
            Fraction(cellsCorrectAssigned, cells),
            Fraction(karyotypesExact, cells),
            seconds > 0 ? Math.Round(chromosomes / seconds, 1) : 0,
            Math.Round(seconds, 3));

        private static double Fraction(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 5);
    }
}
