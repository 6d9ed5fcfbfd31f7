using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChromoFarm.Worker.Classification;

/// <summary>
/// Seconds spent in each stage of classification (read, decode, preprocess, forward, ...), summed over the threads
/// that ran it. A profile for benchmarks: when stages overlap, the sum of the stages exceeds the wall clock.
/// </summary>
public sealed class StageClock
{
    private readonly ConcurrentDictionary<string, long> ticks = new(StringComparer.Ordinal);

    /// <summary>Times <paramref name="stage"/> on <paramref name="clock"/> until the lap is disposed; no clock, no timing.</summary>
    public static Lap Time(StageClock? clock, string stage) => new(clock, stage, clock is null ? 0 : Stopwatch.GetTimestamp());

    /// <summary>Seconds per stage name, rounded to the millisecond.</summary>
    public IReadOnlyDictionary<string, double> Seconds() =>
        ticks.ToDictionary(p => p.Key, p => Math.Round((double)p.Value / Stopwatch.Frequency, 3), StringComparer.Ordinal);

    private void Add(string stage, long elapsed) => ticks.AddOrUpdate(stage, elapsed, (_, sum) => sum + elapsed);

    /// <summary>One timed stretch of a stage.</summary>
    public readonly struct Lap(StageClock? clock, string stage, long started) : IDisposable
    {
        public void Dispose() => clock?.Add(stage, Stopwatch.GetTimestamp() - started);
    }
}
