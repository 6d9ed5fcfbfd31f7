using ChromoFarm.Datasets;
using ChromoFarm.Native;
using ChromoFarm.Training;

namespace ChromoFarm.Cli;

/// <summary>Turns what a command throws into one line on stderr and the documented exit code.</summary>
internal static class CommandErrors
{
    public static async Task<int> Guard(Func<Task<int>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("chromofarm: cancelled");
            return ExitCodes.WorkFailed;
        }
        catch (Exception error) when (error is ManifestException or ImageDecodeException or ImageTooLargeException
            or ModelFileException or FileNotFoundException or DirectoryNotFoundException or UsageException
            or TrainingCheckpointException or InvalidDataException)
        {
            Console.Error.WriteLine($"chromofarm: {error.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception error) when (error is DeviceUnavailableException or NativeException or IOException or DllNotFoundException or Ingest.IngestServerException)
        {
            Console.Error.WriteLine($"chromofarm: {error.Message}");
            return ExitCodes.WorkFailed;
        }
    }
}

/// <summary>A command line that parses but asks for something impossible (a missing input, a bad combination).</summary>
internal sealed class UsageException(string message) : Exception(message);
