namespace ChromoFarm.EndToEnd.Tests.Scripts;

/// <summary>
/// scripts/test-summary.sh, whose last line is what `make test` and CI report: hand-written TRX files and ctest
/// logs in the shapes the two runners write, each with the line it must give.
/// </summary>
public sealed class TestSummaryScriptTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-summary-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Every_test_passing_gives_zero_failed_and_zero_skipped_and_exit_0()
    {
        Trx("a.trx", "Core.Tests", passed: 5);
        CtestLog("100% tests passed, 0 tests failed out of 3");

        var result = await Summary();

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("dotnet: Core.Tests: 5 passed, 0 failed, 0 skipped", result.Output, StringComparison.Ordinal);
        Assert.Equal("8 passed, 0 failed, 0 skipped", Bash.LastLine(result.Output));
    }

    [Fact]
    public async Task Skipped_tests_are_counted_with_their_reasons_most_frequent_first()
    {
        Trx("a.trx", "Results.Tests", passed: 2, skips: ["PostgreSQL is down", "PostgreSQL is down"]);
        Trx("b.trx", "Storage.Tests", passed: 1, skips: ["S3 is down\nsecond line of the message"]);
        CtestLog("100% tests passed, 0 tests failed out of 2", "The following tests did not run:", "\t  2 - abi.segment (Skipped)");

        var result = await Summary();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "4 passed, 0 failed, 4 skipped (2: PostgreSQL is down; 1: S3 is down; 1: ctest abi.segment (its output in " + Path.Combine(folder, "ctest.log") + " says why))",
            Bash.LastLine(result.Output));
        Assert.Contains("  2: PostgreSQL is down", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_test_or_a_run_without_counters_fails_the_summary()
    {
        Trx("a.trx", "Core.Tests", passed: 3, failed: 1);
        File.WriteAllText(Path.Combine(folder, "aborted.trx"), "<TestRun><Results></Results></TestRun>");
        CtestLog("50% tests passed, 1 tests failed out of 2");

        var result = await Summary();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no <Counters> element", result.Output, StringComparison.Ordinal);
        Assert.Equal("4 passed, 3 failed, 0 skipped", Bash.LastLine(result.Output));
    }

    [Fact]
    public async Task No_results_at_all_is_a_failure_not_a_pass()
    {
        var result = await Summary();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no test ran", result.Output, StringComparison.Ordinal);
        Assert.Equal("0 passed, 0 failed, 0 skipped", Bash.LastLine(result.Output));
    }

    private Task<CliResult> Summary() => Bash.RunAsync("scripts/test-summary.sh", null, folder);

    /// <summary>A TRX as `dotnet test --logger trx` writes it, cut to what the script reads.</summary>
    private void Trx(string file, string assembly, int passed, int failed = 0, string[]? skips = null)
    {
        skips ??= [];
        var results = string.Concat(Enumerable.Range(0, passed).Select(i => $"""<UnitTestResult testName="P{i}" outcome="Passed" />""" + "\n"))
            + string.Concat(Enumerable.Range(0, failed).Select(i => $"""<UnitTestResult testName="F{i}" outcome="Failed"><Output><ErrorInfo><Message>boom</Message></ErrorInfo></Output></UnitTestResult>""" + "\n"))
            + string.Concat(skips.Select((reason, i) => $"""
                <UnitTestResult testName="S{i}" outcome="NotExecuted">
                  <Output>
                    <ErrorInfo>
                      <Message>{reason}</Message>
                    </ErrorInfo>
                  </Output>
                </UnitTestResult>

                """));
        var total = passed + failed + skips.Length;
        File.WriteAllText(Path.Combine(folder, file), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <TestRun>
              <Results>
            {results}  </Results>
              <TestDefinitions><UnitTest><TestMethod codeBase="/build/{assembly}.dll" /></UnitTest></TestDefinitions>
              <ResultSummary outcome="Completed">
                <Counters total="{total}" executed="{passed + failed}" passed="{passed}" failed="{failed}" error="0" timeout="0" aborted="0" />
              </ResultSummary>
            </TestRun>
            """);
    }

    private void CtestLog(params string[] lines) => File.WriteAllLines(Path.Combine(folder, "ctest.log"), lines);
}
