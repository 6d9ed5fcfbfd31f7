using System.Net;
using ChromoFarm.Results;
using ChromoFarm.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChromoFarm.Api;

/// <summary>
/// The results API and review page in one process over any results database and object store, listening on
/// loopback only: `chromofarm review` over a run's results.db and objects/, and the API tests.
/// </summary>
public static class LocalApiServer
{
    /// <param name="port">0 picks a free port; read it back with <see cref="Address"/> once started.</param>
    public static WebApplication Build(DbContextOptions<ResultsDbContext> database, IObjectStore store, int port, AuthOptions? auth = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(store);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, ApplicationName = "chromofarm" });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        // Loopback only: the one-time key in the printed URL must not be usable from another machine.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddChromoFarmAuth(database, auth ?? new AuthOptions());
        builder.Services.AddChromoFarmApi(database, store);
        var app = builder.Build();
        app.UseChromoFarmHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/healthz", () => "ok").AllowAnonymous().ExcludeFromDescription();
        app.MapChromoFarmApi();
        return app;
    }

    /// <summary>The started server's base address, e.g. http://127.0.0.1:5123.</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("the server is not started");
        return new Uri(addresses.First());
    }
}
