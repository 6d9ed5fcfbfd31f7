using ChromoFarm.Domain;

namespace ChromoFarm.Training.Tests;

public sealed class EvaluationReportWriterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-report-").FullName;

    [Fact]
    public void The_report_holds_pictures_and_hand_checkable_per_class_scores()
    {
        var details = new EvaluationDetails();
        // Truth 21: three right, one called 22 by argmax but fixed by assignment. Truth 22: two right.
        details.Chromosomes.AddRange(
        [
            new ChromosomeOutcome(20, 20, 20, 0.9f), new ChromosomeOutcome(20, 20, 20, 0.9f), new ChromosomeOutcome(20, 20, 20, 0.9f),
            new ChromosomeOutcome(20, 21, 20, 0.6f), new ChromosomeOutcome(21, 21, 21, 0.8f), new ChromosomeOutcome(21, 21, 21, 0.7f),
        ]);
        details.Cells.Add(new CellEvaluation("p", "c", 6, 1, 0, "6,?", "6,?"));
        var report = new EvaluationReport("m", "val", 1, 6, 5 / 6.0, 1, 0, 1, 1, 0.1, 100, 0.06);

        EvaluationReportWriter.Write(folder, report, details);

        foreach (var file in new[] { "report.json", "confusion-argmax.png", "confusion-assigned.png", "per-class.csv", "worst-cells.csv", "calibration.csv", "reliability.png" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        var rows = File.ReadAllLines(Path.Combine(folder, "per-class.csv"));
        Assert.Equal(1 + ChromosomeClass.Count, rows.Length);
        // 21: support 4, argmax precision 3/3, recall 3/4; assigned 4/4 and 4/4.
        Assert.Equal("21,4,1.0000,0.7500,1.0000,1.0000,1.0000", rows[21]);
        // 22: argmax precision 2/3, recall 2/2.
        Assert.Equal("22,2,0.6667,1.0000,1.0000,1.0000,1.0000", rows[22]);

        var argmax = EvaluationReportWriter.Confusion(details, c => c.Argmax);
        Assert.Equal(1, argmax[20, 21]);
        Assert.Equal(3, argmax[20, 20]);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
