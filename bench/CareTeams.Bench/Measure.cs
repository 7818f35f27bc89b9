using System.Diagnostics;

namespace CareTeams.Bench;

/// <summary>Timings of one operation over many runs: median and 95th percentile, after warm-up.</summary>
public sealed record Timing(string Name, int Runs, double MedianMs, double P95Ms, double MinMs)
{
    public static async Task<Timing> OfAsync(string name, int runs, Func<int, Task> operation, int warmUp = 5)
    {
        for (var i = 0; i < warmUp; i++)
            await operation(i);
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        return new Timing(name, runs, Percentile(samples, 0.5), Percentile(samples, 0.95), samples[0]);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}

/// <summary>A benchmark's markdown report (a sentence, then a table): printed, and written to the <c>--out</c> file when one is given.</summary>
public static class BenchReport
{
    public static async Task EmitAsync(string intro, string header, string alignment, IEnumerable<string> rows, IReadOnlyDictionary<string, string> options)
    {
        var report = string.Join(Environment.NewLine, [intro, "", header, alignment, .. rows]) + Environment.NewLine;
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.TryGetValue("out", out var outPath))
            await File.WriteAllTextAsync(outPath, report);
    }
}
