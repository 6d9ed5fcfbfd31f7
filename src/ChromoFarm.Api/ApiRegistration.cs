using ChromoFarm.Results;
using ChromoFarm.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ChromoFarm.Api;

/// <summary>
/// The results API, its pictures, exports and review page, the same in the api role (PostgreSQL, S3) and in
/// `chromofarm review` (SQLite, objects/). Credentials come from <see cref="AuthRegistration.AddChromoFarmAuth"/>.
/// </summary>
public static class ApiRegistration
{
    // Rendered pictures kept in memory at once (a karyogram PNG is about 100–300 kB).
    private const int PicturesKept = 200;

    public static IServiceCollection AddChromoFarmApi(this IServiceCollection services, DbContextOptions<ResultsDbContext> database, IObjectStore store)
    {
        services.AddSingleton(new ResultsQueries(database));
        services.AddSingleton(new ReviewStore(database));
        services.AddMemoryCache(cache => cache.SizeLimit = PicturesKept);
        services.AddSingleton(sp => new PictureService(store, sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>()));
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "ChromoFarm results", Version = "v1", Description = "Cases, cells, chromosomes, karyograms, exports and review. Send X-Api-Key: <key>." };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.Header,
                Description = "An API key from `chromofarm apikey create`",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] }];
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapChromoFarmApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(ApiPolicies.Read);
        app.MapResults();
        app.MapPictures();
        app.MapExports();
        app.MapReview();
        app.MapPages();
        return app;
    }

    /// <summary>Security headers for every answer: the page runs only its own script and cannot be framed.</summary>
    public static IApplicationBuilder UseChromoFarmHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            await next(context).ConfigureAwait(false);
        });
}
