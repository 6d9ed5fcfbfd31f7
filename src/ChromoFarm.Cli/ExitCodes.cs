namespace ChromoFarm.Cli;

/// <summary>The exit codes users and scripts rely on (DESIGN.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int WorkFailed = 1;
    public const int BadInput = 2;
}
