using System.CommandLine;
using ChromoFarm.Native;

namespace ChromoFarm.Cli.Commands;

internal static class CommonOptions
{
    public static Option<FileInfo> Model() => new("--model")
    {
        Description = "Model file: a ChromoFarm .cfm, or a TorchScript file with its JSON sidecar (model.pt + model.json); default: the shipped model, or $CHROMOFARM_MODEL",
    };

    public static Option<FileInfo?> Priors() => new("--priors")
    {
        Description = "Copy-number priors for the per-cell assignment (JSON from `chromofarm priors fit`); default: the shipped Pki-3 priors",
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
