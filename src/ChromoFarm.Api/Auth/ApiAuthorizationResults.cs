using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace ChromoFarm.Api;

/// <summary>
/// 401 and 403 as one-line JSON reasons for API clients ("the API key was revoked at …", "role reader may not …
/// (needs reviewer or admin)"); a person on the review page is sent to the login page instead of a 401.
/// </summary>
internal sealed class ApiAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            if (ReviewPages.IsPage(context.Request))
            {
                context.Response.Redirect(ReviewPages.LoginUrl(context.Request));
                return;
            }

            var failure = (await context.AuthenticateAsync().ConfigureAwait(false)).Failure?.Message;
            await Refuse(context, StatusCodes.Status401Unauthorized, failure ?? $"no credential: send {ApiKeyAuthenticationHandler.Header}: <key> or Authorization: Bearer <key or token>").ConfigureAwait(false);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var needed = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct();
            var role = context.User.FindFirstValue(ClaimTypes.Role) ?? "none";
            await Refuse(context, StatusCodes.Status403Forbidden, $"{context.User.Identity?.Name} has role {role}; this needs {string.Join(" or ", needed)}").ConfigureAwait(false);
            return;
        }

        await fallback.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }

    public static Task Refuse(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(reason));
    }
}

/// <summary>Every refusal's body: one line saying why.</summary>
public sealed record ApiError(string Error);
