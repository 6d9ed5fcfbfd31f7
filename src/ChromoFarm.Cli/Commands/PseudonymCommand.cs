using System.CommandLine;
using ChromoFarm.Security;

namespace ChromoFarm.Cli.Commands;

/// <summary>`chromofarm pseudonym PATIENT...`: the stored case id of each patient, for a lab that holds the key.</summary>
internal static class PseudonymCommand
{
    public static Command Create()
    {
        var patients = new Argument<string[]>("patient") { Description = "Patient (case) ids as the lab knows them", Arity = ArgumentArity.OneOrMore };
        var command = new Command("pseudonym", $"Print the pseudonym the farm stores for each patient id, under the key in ${PrivacyOptions.KeyVariable}") { patients };
        command.SetAction((parse, _) => CommandErrors.Guard(() =>
        {
            var key = Environment.GetEnvironmentVariable(PrivacyOptions.KeyVariable);
            if (string.IsNullOrEmpty(key))
            {
                throw new UsageException($"pseudonym needs the lab's key in {PrivacyOptions.KeyVariable} (the one the ingest and api roles use)");
            }

            PatientPseudonyms pseudonyms;
            try
            {
                pseudonyms = new PatientPseudonyms(key);
            }
            catch (ArgumentException error)
            {
                throw new UsageException($"{PrivacyOptions.KeyVariable}: {error.Message}");
            }

            foreach (var patient in parse.GetValue(patients)!)
            {
                Console.WriteLine($"{patient}\t{pseudonyms.Of(patient)}");
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
