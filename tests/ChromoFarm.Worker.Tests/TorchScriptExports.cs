using ChromoFarm.Domain;

namespace ChromoFarm.Worker.Tests;

/// <summary>
/// The reference resnet18 exported once per test class with a fixed random init: in the farm's
/// class order, and the same network with its output columns reversed.
/// </summary>
public sealed class TorchScriptExports : IAsyncLifetime
{
    public const int Seed = 7;

    public static readonly string[] ReversedOrder = ChromosomeClass.All.Select(c => c.Label).Reverse().ToArray();

    public string Folder { get; } = Directory.CreateTempSubdirectory("cf-torchscript-").FullName;

    /// <summary>False where no Python with torch is installed; the tests then skip with <see cref="PythonTorch.Missing"/>.</summary>
    public bool Available { get; private set; }

    public string FarmOrder { get; private set; } = "";

    public string Reversed { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (PythonTorch.Executable is null)
        {
            return;
        }

        // Two processes side by side: importing torch dominates each.
        var farmOrder = PythonTorch.ExportRandomResNetAsync(Folder, "farm-order", Seed, "--version", "resnet18-test-farm-order");
        var reversed = PythonTorch.ExportRandomResNetAsync(Folder, "reversed", Seed, "--version", "resnet18-test-reversed", "--class-order", string.Join(',', ReversedOrder));
        FarmOrder = await farmOrder;
        Reversed = await reversed;
        Available = true;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
