using System.Security.Claims;
using ChromoFarm.Results;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChromoFarm.Api;

/// <summary>
/// Credentials for every HTTP role: API keys (from the results database), bearer tokens from the lab's identity
/// provider when configured, and a login cookie for the review page. One policy scheme picks per request.
/// </summary>
public static class AuthRegistration
{
    private const string Selector = "chromofarm";
    private const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    public static IServiceCollection AddChromoFarmAuth(this IServiceCollection services, DbContextOptions<ResultsDbContext> database, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(new ApiKeyStore(database));
        var jwt = options.Jwt.Authority is not null;
        var authentication = services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, "API key, bearer token or login cookie", scheme => scheme.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.Presented(context.Request) is not null ? ApiKeyAuthenticationHandler.SchemeName
                : jwt && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal) ? JwtBearerDefaults.AuthenticationScheme
                : CookieScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, cookie =>
            {
                cookie.Cookie.Name = "chromofarm";
                cookie.Cookie.HttpOnly = true;
                // Strict: the cookie never rides on a request another site starts (with the header check, no CSRF).
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = options.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = ReviewPages.Login;
            });
        if (jwt)
        {
            authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, bearer =>
            {
                bearer.Authority = options.Jwt.Authority;
                bearer.Audience = options.Jwt.Audience;
                bearer.RequireHttpsMetadata = options.Jwt.RequireHttpsMetadata;
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters.RoleClaimType = options.Jwt.RoleClaim;
                bearer.TokenValidationParameters.NameClaimType = options.Jwt.NameClaim;
            });
        }

        if (options.DataProtectionKeys is { } folder)
        {
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(folder)).SetApplicationName("chromofarm");
        }
        else
        {
            // One process: keys in memory, so a restart signs reviewers out rather than leaving key files in $HOME.
            services.AddDataProtection().UseEphemeralDataProtectionProvider();
        }

        services.AddAuthorization(authorization =>
        {
            foreach (var (policy, roles) in ApiPolicies.Roles)
            {
                authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>();
        return services;
    }

    /// <summary>The name audit rows record for this request's credential.</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name is { Length: > 0 } name ? name : user.FindFirstValue("sub") ?? "unknown";
    }
}
