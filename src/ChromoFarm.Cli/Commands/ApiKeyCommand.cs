using System.CommandLine;
using System.Globalization;
using ChromoFarm.Results;
using Spectre.Console;

namespace ChromoFarm.Cli.Commands;

/// <summary>
/// `chromofarm apikey create|list|revoke --database RESULTS`: the credentials of the api and ingest roles. The key is
/// printed once; only its SHA-256 is stored.
/// </summary>
internal static class ApiKeyCommand
{
    public static Command Create()
    {
        var create = new Command("create", "Create a key and print it (once: only its hash is kept)");
        var role = new Option<string>("--role") { Description = "reader, reviewer, admin or ingest", Required = true };
        role.AcceptOnlyFromAmong([.. ApiRoles.All]);
        var name = new Option<string>("--name") { Description = "Who or what holds the key; audit rows name it", DefaultValueFactory = _ => Environment.UserName };
        var expires = new Option<double?>("--expires-days") { Description = "Days until the key stops working (default: until revoked)" };
        var createDatabase = Database();
        create.Options.Add(role);
        create.Options.Add(name);
        create.Options.Add(expires);
        create.Options.Add(createDatabase);
        create.SetAction((parse, cancellationToken) => CommandErrors.Guard(async () =>
        {
            var days = parse.GetValue(expires);
            if (days is <= 0)
            {
                throw new UsageException("--expires-days must be positive");
            }

            var store = await OpenAsync(parse.GetValue(createDatabase)!, cancellationToken).ConfigureAwait(false);
            var created = await store.CreateAsync(parse.GetValue(name)!, parse.GetValue(role)!, days is { } d ? TimeSpan.FromDays(d) : null, Environment.UserName, cancellationToken).ConfigureAwait(false);
            // The key alone on stdout, so that scripts can capture it; the description on stderr.
            Console.WriteLine(created.Key);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"created {created.Record.Role} key {created.Record.KeyId} for {created.Record.Name}{(created.Record.ExpiresAt is { } at ? $", expires {at:u}" : string.Empty)}; it is not shown again"));
            return ExitCodes.Ok;
        }));

        var list = new Command("list", "List the keys (ids, roles, holders; never the keys)");
        var listDatabase = Database();
        list.Options.Add(listDatabase);
        list.SetAction((parse, cancellationToken) => CommandErrors.Guard(async () =>
        {
            var store = await OpenAsync(parse.GetValue(listDatabase)!, cancellationToken).ConfigureAwait(false);
            var table = new Table().AddColumns("id", "role", "name", "created", "expires", "revoked");
            foreach (var key in await store.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                table.AddRow(key.KeyId, key.Role, Markup.Escape(key.Name), When(key.CreatedAt), When(key.ExpiresAt), When(key.RevokedAt));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        }));

        var revoke = new Command("revoke", "Revoke a key at once");
        var id = new Argument<string>("id") { Description = "The key's id (its part after cfk_, as `apikey list` shows)" };
        var revokeDatabase = Database();
        revoke.Arguments.Add(id);
        revoke.Options.Add(revokeDatabase);
        revoke.SetAction((parse, cancellationToken) => CommandErrors.Guard(async () =>
        {
            var store = await OpenAsync(parse.GetValue(revokeDatabase)!, cancellationToken).ConfigureAwait(false);
            var keyId = parse.GetValue(id)!;
            keyId = keyId.StartsWith(ApiKeyStore.Prefix, StringComparison.Ordinal) ? keyId[ApiKeyStore.Prefix.Length..].Split('_')[0] : keyId;
            if (!await store.RevokeAsync(keyId, Environment.UserName, cancellationToken).ConfigureAwait(false))
            {
                throw new UsageException($"no unrevoked key with id '{keyId}'");
            }

            Console.Error.WriteLine($"revoked key {keyId}");
            return ExitCodes.Ok;
        }));
        return new Command("apikey", "Create, list and revoke the API keys of the api and ingest roles") { create, list, revoke };
    }

    private static string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    private static Option<string> Database() => new("--database")
    {
        Description = "The results: a `chromofarm run` folder or results.db, or a PostgreSQL connection string; default $CHROMOFARM_RESULTS__CONNECTIONSTRING",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CHROMOFARM_RESULTS__CONNECTIONSTRING") is { Length: > 0 } connection ? connection : "chromofarm-results",
    };

    private static async Task<ApiKeyStore> OpenAsync(string database, CancellationToken cancellationToken)
    {
        var location = ResultsLocation.Open(database, allowPostgres: true);
        await location.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return new ApiKeyStore(location.Database);
    }
}
