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
    /// <param name="details">Receives every chromosome's and cell's outcome, for reports.</param>
    public static EvaluationReport Run(ChromosomeModel model, IReadOnlyList<ManifestCell> cells, string? split, CellPreparation preparation, EvaluationDetails details, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cells);
        var classifier = new BatchClassifier(model);
        var assigner = new ChromosomeAssigner();
        var tally = new Tally(details);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < cells.Count; start += CellsPerChunk)
        {
            var chunk = cells.Skip(start).Take(CellsPerChunk).Select(c => LabelledCell.Load(c, preparation)).ToArray();
            try
            {
                var probabilities = classifier.Classify(chunk.Select(c => c.Prepared).ToArray());
                for (var i = 0; i < chunk.Length; i++)
                {
                    tally.Add(chunk[i], probabilities[i], assigner.Assign(probabilities[i]));
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
        var tally = new Tally(new EvaluationDetails());
        for (var i = 0; i < cells.Count; i++)
        {
            tally.Add(cells[i], probabilities[i], assigner.Assign(probabilities[i]));
        }

        return tally.Report(modelVersion, null, seconds);
    }

    private sealed class Tally(EvaluationDetails details)
    {
        private int cells;
        private int chromosomes;
        private int correct;
        private int correctAssigned;
        private int cellsCorrect;
        private int cellsCorrectAssigned;
        private int karyotypesExact;

        public void Add(LabelledCell cell, float[][] probabilities, CellAssignment assignment)
        {
            var truth = cell.Labels;
            for (var i = 0; i < truth.Count; i++)
            {
                var argmax = assignment.ArgmaxLabels[i].Index;
                details.Chromosomes.Add(new ChromosomeOutcome(truth[i].Index, argmax, assignment.Labels[i].Index, probabilities[i][argmax]));
                details.Probabilities.Add(probabilities[i]);
            }

            var argmaxHits = truth.Where((t, i) => assignment.ArgmaxLabels[i] == t).Count();
            var assignedHits = truth.Where((t, i) => assignment.Labels[i] == t).Count();
            cells++;
            chromosomes += truth.Count;
            correct += argmaxHits;
            correctAssigned += assignedHits;
            cellsCorrect += argmaxHits == truth.Count ? 1 : 0;
            cellsCorrectAssigned += assignedHits == truth.Count ? 1 : 0;
            var called = Karyotype.FromLabels(assignment.Labels);
            var expected = Karyotype.FromLabels(truth);
            karyotypesExact += called.Equals(expected) ? 1 : 0;
            details.Cells.Add(new CellEvaluation(cell.Source.Patient, cell.Source.Cell, truth.Count, truth.Count - argmaxHits, truth.Count - assignedHits, expected.Notation, called.Notation));
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
            Math.Round(Calibration.ExpectedError(Calibration.Bins(details.Chromosomes.Select(c => ((double)c.ArgmaxProbability, c.Argmax == c.Truth)))), 5),
            seconds > 0 ? Math.Round(chromosomes / seconds, 1) : 0,
            Math.Round(seconds, 3));

        private static double Fraction(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 5);
    }
}
