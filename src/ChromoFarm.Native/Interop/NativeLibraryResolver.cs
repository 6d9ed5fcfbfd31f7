using System.Reflection;
using System.Runtime.InteropServices;

namespace ChromoFarm.Native.Interop;

/// <summary>
/// Finds libchromofarm_native for the imports: the path in CHROMOFARM_NATIVE_LIB, then the
/// file beside the application or this assembly, then the platform's default search. A
/// failure names every place tried, because "DllNotFoundException: chromofarm_native"
/// alone sends people hunting.
/// </summary>
internal static class NativeLibraryResolver
{
    internal const string PathVariable = "CHROMOFARM_NATIVE_LIB";
    internal const string FileName = "libchromofarm_native.so";
    internal const string BuildHint = "Run `make native` to build it, or set " + PathVariable + " to its path";

    private static int s_registered;

    /// <summary>Where the library was loaded from, once it has been.</summary>
    internal static string? LoadedFrom { get; private set; }

    internal static void Register(Assembly assembly)
    {
        // SetDllImportResolver throws on a second registration for the same assembly.
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != NativeMethods.LibraryName)
        {
            return 0;
        }

        var handle = Load(CandidatePaths(assembly), libraryName, assembly, searchPath, out var loadedFrom);
        LoadedFrom = loadedFrom;
        return handle;
    }

    /// <summary>The explicit paths tried before the default search, in order, without duplicates.</summary>
    internal static IReadOnlyList<string> CandidatePaths(Assembly assembly)
    {
        var paths = new List<string>();
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            paths.Add(Path.GetFullPath(configured));
        }

        paths.Add(Path.Combine(AppContext.BaseDirectory, FileName));
        if (Path.GetDirectoryName(assembly.Location) is { Length: > 0 } assemblyDirectory)
        {
            paths.Add(Path.Combine(assemblyDirectory, FileName));
        }

        return paths.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Tries each path, then the default search for <paramref name="libraryName"/>; throws a
    /// <see cref="DllNotFoundException"/> listing every attempt when none loads.
    /// </summary>
    internal static nint Load(
        IEnumerable<string> paths, string libraryName, Assembly assembly, DllImportSearchPath? searchPath, out string loadedFrom)
    {
        var tried = new List<string>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                tried.Add($"{path} (not found)");
                continue;
            }

            try
            {
                loadedFrom = path;
                return NativeLibrary.Load(path);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                // Present but unloadable (a missing libtorch, another architecture): say why.
                tried.Add($"{path} ({e.Message})");
            }
        }

        if (NativeLibrary.TryLoad(libraryName, assembly, searchPath, out var handle))
        {
            loadedFrom = libraryName + " (default search)";
            return handle;
        }

        tried.Add($"{libraryName} via the default search (LD_LIBRARY_PATH, system directories)");
        throw new DllNotFoundException(
            $"Could not load the ChromoFarm native core; tried: {string.Join("; ", tried)}. {BuildHint}.");
    }
}
