using System.Diagnostics;
using ChromoFarm.Datasets;
using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;
using ChromoFarm.Worker.Classification;

namespace ChromoFarm.Training;

/// <summary>Per-chromosome and per-cell accuracy of a model on labelled cells, argmax and after assignment.</summary>
public static class ClassifierEvaluation
{
    /// <summary>Times the whole path a worker runs: read + decode + measure + preprocess + forward + assignment.</summary>
    /// <param name="details">Receives every chromosome's and cell's outcome, for reports.</param>
    /// <param name="settings">Caller, test-time augmentation and prefetch; default: shipped priors, no augmentation, prefetch on.</param>
    public static EvaluationReport Run(ChromosomeModel model, IReadOnlyList<ManifestCell> cells, string? split, CellPreparation preparation, EvaluationDetails details, Action<int>? progress = null, EvaluationSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cells);
        settings ??= new EvaluationSettings();
        var clock = new StageClock();
        var classifier = new BatchClassifier(model, augmentation: settings.Augmentation, clock: clock);
        var tally = new Tally(details, settings.Caller);
        var watch = Stopwatch.StartNew();
        // Cells handed to the classifier and not yet scored, in order: it returns them in the order pushed.
        var inFlight = new Queue<LabelledCell>();
        var done = 0;
        void Score(IReadOnlyList<(PreparedCell Cell, float[][] Probabilities)> classified)
        {
            foreach (var (_, probabilities) in classified)
            {
                using var cell = inFlight.Dequeue();
                tally.Add(cell, probabilities);
                done++;
            }
        }

        try
        {
            // Forward passes stay full across chunks: only the last one runs part-empty.
            foreach (var chunk in LabelledCellStream.Chunks(cells, settings.CellsPerChunk, preparation, settings.PrefetchChunks, clock))
            {
                foreach (var cell in chunk)
                {
                    inFlight.Enqueue(cell);
                }

                foreach (var cell in chunk)
                {
                    Score(classifier.Push(cell.Prepared));
                }

                progress?.Invoke(done);
            }

            Score(classifier.Drain());
            progress?.Invoke(done);
        }
        finally
        {
            // After a failure a forward pass may still be running on the model the caller is about to dispose.
            classifier.Reset();
            foreach (var cell in inFlight)
            {
                cell.Dispose();
            }
        }

        watch.Stop();
        tally.TimeWarmAssignment(details);
        return tally.Report(model.Version, split, watch.Elapsed.TotalSeconds) with
        {
            TestTimeAugmentation = settings.Augmentation.ToString().ToLowerInvariant(),
            PrefetchChunks = settings.PrefetchChunks,
            StageSeconds = new Dictionary<string, double>(clock.Seconds()) { ["assignment"] = Math.Round(tally.AssignmentSeconds, 3) },
        };
    }

    /// <summary>Scores already-computed probabilities (used during training, where crops stay in memory).</summary>
    public static EvaluationReport Score(string modelVersion, IReadOnlyList<LabelledCell> cells, float[][][] probabilities, double seconds)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(probabilities);
        var tally = new Tally(new EvaluationDetails(), caller: null);
        for (var i = 0; i < cells.Count; i++)
        {
            tally.Add(cells[i], probabilities[i]);
        }

        return tally.Report(modelVersion, null, seconds);
    }

    private sealed class Tally(EvaluationDetails details, KaryotypeCaller? caller)
    {
        private readonly KaryotypeCaller caller = caller ?? new KaryotypeCaller(CopyNumberPriorsFile.Default);

        // The naive redistribution (two slots per class) that forces every cell towards 46: the third column.
        private readonly ChromosomeAssigner forced = new();
        // Passes over the evaluated cells that time the assignment once the JIT has optimised it, as in a
        // long-running coordinator; the first pass, inside the timed run, includes compiling it.
        private const int WarmPasses = 3;

        private readonly Stopwatch assignment = new();
        private double warmMilliseconds;
        private int cells;
        private int chromosomes;
        private int correct;
        private int correctAssigned;
        private int correctForced;
        private int cellsCorrect;
        private int cellsCorrectAssigned;
        private int karyotypesExact;
        private int karyotypesExactForced;
        private int abnormal;
        private int abnormalDetected;
        private int normal;
        private int normalFalseAbnormal;
        private int needsReview;

        public void Add(LabelledCell cell, float[][] probabilities)
        {
            assignment.Start();
            var call = caller.Call(probabilities);
            assignment.Stop();
            var naive = forced.Assign(probabilities);
            var labels = call.Assignment.Labels;
            var truth = cell.Labels;
            for (var i = 0; i < truth.Count; i++)
            {
                var argmax = call.Assignment.ArgmaxLabels[i].Index;
                details.Chromosomes.Add(new ChromosomeOutcome(truth[i].Index, argmax, labels[i].Index, probabilities[i][argmax]));
                details.Probabilities.Add(probabilities[i]);
            }

            var argmaxHits = truth.Where((t, i) => call.Assignment.ArgmaxLabels[i] == t).Count();
            var assignedHits = truth.Where((t, i) => labels[i] == t).Count();
            cells++;
            chromosomes += truth.Count;
            correct += argmaxHits;
            correctAssigned += assignedHits;
            correctForced += truth.Where((t, i) => naive.Labels[i] == t).Count();
            cellsCorrect += argmaxHits == truth.Count ? 1 : 0;
            cellsCorrectAssigned += assignedHits == truth.Count ? 1 : 0;
            var expected = Karyotype.FromLabels(truth);
            var exact = call.Karyotype.Equals(expected);
            var forcedKaryotype = Karyotype.FromLabels(naive.Labels);
            karyotypesExact += exact ? 1 : 0;
            karyotypesExactForced += forcedKaryotype.Equals(expected) ? 1 : 0;
            if (expected.IsNormal)
            {
                normal++;
                normalFalseAbnormal += call.Karyotype.IsNormal ? 0 : 1;
            }
            else
            {
                abnormal++;
                abnormalDetected += exact ? 1 : 0;
            }

            needsReview += call.NeedsReview ? 1 : 0;
            details.Cells.Add(new CellEvaluation(
                cell.Source.Patient,
                cell.Source.Cell,
                truth.Count,
                truth.Count - argmaxHits,
                truth.Count - assignedHits,
                expected.Notation,
                call.Karyotype.Notation)
            {
                CallConfidence = call.Confidence,
                Alternative = call.Alternative?.Karyotype.Notation,
                ReviewReasons = ReviewReasonNames.Format(call.Reasons),
                ForcedKaryotype = forcedKaryotype.Notation,
            });
        }

        public double AssignmentSeconds => assignment.Elapsed.TotalSeconds;

        public void TimeWarmAssignment(EvaluationDetails evaluated)
        {
            var rows = new List<IReadOnlyList<float>[]>(evaluated.Cells.Count);
            var start = 0;
            foreach (var cell in evaluated.Cells)
            {
                rows.Add(evaluated.Probabilities.GetRange(start, cell.Chromosomes).ToArray<IReadOnlyList<float>>());
                start += cell.Chromosomes;
            }

            var watch = Stopwatch.StartNew();
            for (var pass = 0; pass < WarmPasses; pass++)
            {
                foreach (var cell in rows)
                {
                    caller.Call(cell);
                }
            }

            warmMilliseconds = rows.Count == 0 ? 0 : watch.Elapsed.TotalMilliseconds / (WarmPasses * rows.Count);
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
            Math.Round(seconds, 3))
        {
            AccuracyForced46 = Fraction(correctForced, chromosomes),
            KaryotypeExactForced46 = Fraction(karyotypesExactForced, cells),
            AbnormalCells = abnormal,
            NormalCells = normal,
            AbnormalCellsDetected = Fraction(abnormalDetected, abnormal),
            NormalCellsFalseAbnormal = Fraction(normalFalseAbnormal, normal),
            CellsNeedingReview = Fraction(needsReview, cells),
            AssignmentMillisecondsPerCell = cells == 0 ? 0 : Math.Round(assignment.Elapsed.TotalMilliseconds / cells, 4),
            AssignmentMillisecondsPerCellWarm = Math.Round(warmMilliseconds, 4),
            PriorsVersion = caller.Priors.Version,
        };

        private static double Fraction(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 5);
    }
}
