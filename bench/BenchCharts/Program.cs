using System.Text.Json;
using ChromoFarm.Training;

// bench-charts throughput SERIES.jsonl OUT.png TITLE UNIT
// Each line of SERIES.jsonl: {"label": "...", "group": "...", "runs": [n, n, ...]}, drawn top to bottom in file order.
if (args is not ["throughput", var input, var output, var title, var unit])
{
    Console.Error.WriteLine("usage: bench-charts throughput SERIES.jsonl OUT.png TITLE UNIT");
    return 2;
}

var series = new List<ThroughputSeries>();
foreach (var (line, number) in File.ReadLines(input).Select((l, i) => (l, i + 1)).Where(p => p.l.Trim().Length > 0))
{
    try
    {
        using var row = JsonDocument.Parse(line);
        var root = row.RootElement;
        series.Add(new ThroughputSeries(
            root.GetProperty("label").GetString()!,
            root.GetProperty("group").GetString()!,
            root.GetProperty("runs").EnumerateArray().Select(r => r.GetDouble()).ToArray()));
    }
    catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
    {
        Console.Error.WriteLine($"bench-charts: {input}:{number}: {error.Message}");
        return 1;
    }
}

File.WriteAllBytes(output, ThroughputChart.Render(series, title, unit));
Console.Error.WriteLine($"bench-charts: {output}");
return 0;
