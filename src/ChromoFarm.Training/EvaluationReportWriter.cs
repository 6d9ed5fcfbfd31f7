using System.Globalization;
using System.Text;
using System.Text.Json;
using ChromoFarm.Datasets;
using ChromoFarm.Domain;

namespace ChromoFarm.Training;

/// <summary>Writes `evaluate --report DIR`: summary JSON, confusion matrices, per-class scores, worst cells, calibration.</summary>
public static class EvaluationReportWriter
{
    public const int WorstCells = 20;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(string folder, EvaluationReport report, EvaluationDetails details)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(details);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(report, Indented));

        var argmax = Confusion(details, c => c.Argmax);
        var assigned = Confusion(details, c => c.Assigned);
        File.WriteAllBytes(Path.Combine(folder, "confusion-argmax.png"), ConfusionMatrixPicture.Render(argmax, "Argmax"));
        File.WriteAllBytes(Path.Combine(folder, "confusion-assigned.png"), ConfusionMatrixPicture.Render(assigned, "After assignment"));
        File.WriteAllText(Path.Combine(folder, "per-class.csv"), PerClass(argmax, assigned));
        File.WriteAllText(Path.Combine(folder, "worst-cells.csv"), Worst(details));
        File.WriteAllText(Path.Combine(folder, "karyotype-calls.csv"), KaryotypeCalls(details));

        var bins = Calibration.Bins(details.Chromosomes.Select(c => ((double)c.ArgmaxProbability, c.Argmax == c.Truth)));
        File.WriteAllText(Path.Combine(folder, "calibration.csv"), CalibrationTable(bins));
        File.WriteAllBytes(Path.Combine(folder, "reliability.png"), ReliabilityDiagram.Render(bins, Calibration.ExpectedError(bins)));
    }

    /// <summary>counts[truth, predicted].</summary>
    public static int[,] Confusion(EvaluationDetails details, Func<ChromosomeOutcome, int> predicted)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(predicted);
        var counts = new int[ChromosomeClass.Count, ChromosomeClass.Count];
        foreach (var outcome in details.Chromosomes)
        {
            counts[outcome.Truth, predicted(outcome)]++;
        }

        return counts;
    }

    private static string PerClass(int[,] argmax, int[,] assigned)
    {
        var text = new StringBuilder("class,support,precision_argmax,recall_argmax,precision_assigned,recall_assigned,f1_assigned\n");
        foreach (var c in ChromosomeClass.All)
        {
            var (support, pa, ra) = Scores(argmax, c.Index);
            var (_, ps, rs) = Scores(assigned, c.Index);
            var f1 = ps + rs == 0 ? 0 : 2 * ps * rs / (ps + rs);
            text.AppendLine(string.Join(',', c.Label, support.ToString(CultureInfo.InvariantCulture), F(pa), F(ra), F(ps), F(rs), F(f1)));
        }

        return text.ToString();
    }

    private static (int Support, double Precision, double Recall) Scores(int[,] counts, int c)
    {
        int support = 0, predicted = 0;
        for (var k = 0; k < ChromosomeClass.Count; k++)
        {
            support += counts[c, k];
            predicted += counts[k, c];
        }

        return (support, predicted == 0 ? 0 : (double)counts[c, c] / predicted, support == 0 ? 0 : (double)counts[c, c] / support);
    }

    private static string Worst(EvaluationDetails details)
    {
        var text = new StringBuilder("patient,cell,chromosomes,argmax_errors,assigned_errors,truth_karyotype,called_karyotype\n");
        foreach (var cell in details.Cells.OrderByDescending(c => c.AssignedErrors).ThenByDescending(c => c.ArgmaxErrors).Take(WorstCells))
        {
            text.AppendLine(string.Join(',', Csv.Field(cell.Patient), Csv.Field(cell.Cell), Int(cell.Chromosomes), Int(cell.ArgmaxErrors), Int(cell.AssignedErrors), Csv.Field(cell.TruthKaryotype), Csv.Field(cell.CalledKaryotype)));
        }

        return text.ToString();
    }

    // Every cell whose truth or call is abnormal, or whose call is wrong: what a lab reviewing the assignment wants to see.
    private static string KaryotypeCalls(EvaluationDetails details)
    {
        var text = new StringBuilder("patient,cell,chromosomes,truth_karyotype,called_karyotype,correct,call_confidence,alternative,review_reasons,forced_46_karyotype\n");
        foreach (var cell in details.Cells.Where(c => c.TruthKaryotype != c.CalledKaryotype || !IsNormal(c.TruthKaryotype) || !IsNormal(c.CalledKaryotype)))
        {
            text.AppendLine(string.Join(
                ',',
                Csv.Field(cell.Patient),
                Csv.Field(cell.Cell),
                Int(cell.Chromosomes),
                Csv.Field(cell.TruthKaryotype),
                Csv.Field(cell.CalledKaryotype),
                cell.TruthKaryotype == cell.CalledKaryotype ? "true" : "false",
                F(cell.CallConfidence),
                Csv.Field(cell.Alternative),
                Csv.Field(cell.ReviewReasons),
                Csv.Field(cell.ForcedKaryotype)));
        }

        return text.ToString();
    }

    private static bool IsNormal(string notation) => notation is "46,XX" or "46,XY";

    private static string CalibrationTable(IReadOnlyList<CalibrationBin> bins)
    {
        var text = new StringBuilder("bin_low,bin_high,count,mean_confidence,accuracy\n");
        foreach (var bin in bins)
        {
            text.AppendLine(string.Join(',', F(bin.Low), F(bin.High), Int(bin.Count), F(bin.MeanConfidence), F(bin.Accuracy)));
        }

        return text.ToString();
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
