using System.CommandLine;

namespace ChromoFarm.Cli.Commands;

internal static class RunCommand
{
    public static Command Create() => new("run", "Embedded end-to-end run (in progress)");
}
