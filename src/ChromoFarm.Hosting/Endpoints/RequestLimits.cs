using System.Security.Claims;
using System.Threading.RateLimiting;
using ChromoFarm.Hosting.Options;
using ChromoFarm.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace ChromoFarm.Hosting.Endpoints;

/// <summary>
/// What one client may ask of the ingest and api roles: bodies no larger than an image upload (PUT
/// /v1/objects/{key}) or <see cref="HttpOptions.MaxJsonBytes"/> (everything else), and at most
/// <see cref="HttpOptions.RequestsPerSecond"/> per credential, so that one runaway script cannot starve a lab's
/// other users. Refusals are 413 and 429 (with Retry-After), each with one line of JSON.
/// </summary>
internal static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, HttpOptions options)
    {
        if (options.RequestsPerSecond == 0)
        {
            return services;
        }

        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsHealthProbe(context.Request)
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetTokenBucketLimiter(Client(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.RequestBurst,
                        TokensPerPeriod = options.RequestsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                await rejected.HttpContext.Response.WriteAsJsonAsync(
                    new { error = $"more than {options.RequestsPerSecond} requests per second (burst {options.RequestBurst}) from this credential (or, without one, this address); retry after 1 s" },
                    cancellationToken).ConfigureAwait(false);
            };
        });
    }

    /// <summary>After authentication, so that the limit follows the credential rather than a presented string
    /// (random keys would each get a bucket) and unauthenticated callers share their address's bucket.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app, HttpOptions options)
    {
        app.Use((context, next) =>
        {
            var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (size is { IsReadOnly: false } && !IsImageUpload(context.Request))
            {
                size.MaxRequestBodySize = options.MaxJsonBytes;
            }

            return next(context);
        });
        if (options.RequestsPerSecond > 0)
        {
            app.UseRateLimiter();
        }

        return app;
    }

    private static bool IsImageUpload(HttpRequest request) =>
        HttpMethods.IsPut(request.Method) && request.Path.StartsWithSegments(IngestHttp.Objects, StringComparison.Ordinal);

    private static bool IsHealthProbe(HttpRequest request) =>
        request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal) || request.Path.StartsWithSegments("/readyz", StringComparison.Ordinal);

    private static string Client(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true } identity
            ? "user:" + (context.User.FindFirstValue(Api.ApiPolicies.KeyIdClaim) ?? $"{identity.AuthenticationType}:{identity.Name}")
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? string.Empty);
}
