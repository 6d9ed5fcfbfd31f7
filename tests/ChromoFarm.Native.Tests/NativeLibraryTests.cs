using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native.Tests;

public class NativeLibraryTests
{
    [Fact]
    public void The_loaded_library_speaks_the_binding_ABI_version()
    {
        Assert.Equal(NativeCore.ExpectedAbiVersion, NativeCore.AbiVersion);
    }

    [Fact]
    public void Build_info_names_the_library_and_its_dependencies()
    {
        var info = NativeCore.BuildInfo;

        Assert.Contains("chromofarm", info, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("torch", info, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("opencv", info, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_library_is_loaded_from_beside_the_tests_or_the_configured_path()
    {
        NativeCore.EnsureLoaded();

        var configured = Environment.GetEnvironmentVariable(NativeLibraryResolver.PathVariable);
        var expected = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, NativeLibraryResolver.FileName)
            : Path.GetFullPath(configured);
        Assert.Equal(expected, NativeCore.LibraryPath);
    }

    [Fact]
    public void Setting_the_thread_count_succeeds()
    {
        NativeCore.SetThreads(2);
    }

    [Fact]
    public void A_library_that_cannot_be_found_is_reported_with_every_path_tried_and_the_build_hint()
    {
        string[] paths = ["/nonexistent/a/libchromofarm_native.so", "/nonexistent/b/libchromofarm_native.so"];

        var error = Assert.Throws<DllNotFoundException>(() =>
            NativeLibraryResolver.Load(paths, "chromofarm_native_absent_for_test", typeof(NativeCore).Assembly, null, out _));

        Assert.Contains(paths[0], error.Message, StringComparison.Ordinal);
        Assert.Contains(paths[1], error.Message, StringComparison.Ordinal);
        Assert.Contains("chromofarm_native_absent_for_test via the default search", error.Message, StringComparison.Ordinal);
        Assert.Contains("make native", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configured_path_is_tried_first()
    {
        var previous = Environment.GetEnvironmentVariable(NativeLibraryResolver.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(NativeLibraryResolver.PathVariable, "/opt/custom/libchromofarm_native.so");

            var candidates = NativeLibraryResolver.CandidatePaths(typeof(NativeCore).Assembly);

            Assert.Equal("/opt/custom/libchromofarm_native.so", candidates[0]);
            Assert.Contains(Path.Combine(AppContext.BaseDirectory, NativeLibraryResolver.FileName), candidates);
        }
        finally
        {
            Environment.SetEnvironmentVariable(NativeLibraryResolver.PathVariable, previous);
        }
    }

    [Fact]
    public void A_library_of_another_ABI_version_is_refused_with_both_versions_named()
    {
        var error = Assert.Throws<NativeAbiMismatchException>(() => Proxy.CheckAbi(NativeCore.ExpectedAbiVersion + 1));

        Assert.Equal(NativeCore.ExpectedAbiVersion, error.ExpectedVersion);
        Assert.Equal(NativeCore.ExpectedAbiVersion + 1, error.ActualVersion);
        Assert.Contains("make native", error.Message, StringComparison.Ordinal);
    }
}
