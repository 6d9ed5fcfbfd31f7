using System.CommandLine;
using ChromoFarm.Native;

namespace ChromoFarm.Cli.Commands;

internal static class CommonOptions
{
    public static Option<FileInfo> Model() => new("--model")
    {
        Description = "Model file (default: the model shipped with ChromoFarm, or $CHROMOFARM_MODEL)",
    };

    public static Option<ComputeDevice> Device(ComputeDevice fallback) => new("--device")
    {
        Description = "cpu, cuda or auto",
        DefaultValueFactory = _ => fallback,
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Threads for the native core (0: all cores)",
        DefaultValueFactory = _ => 0,
    };
}
