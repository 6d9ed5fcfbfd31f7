using System.Security.Claims;
using ChromoFarm.Results;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ChromoFarm.Api;

/// <summary>The review page's routes, its login and its script and style.</summary>
internal static class PageEndpoints
{
    // What each queue view lists, most urgent first.
    private static readonly Dictionary<string, CellQuery> Views = new()
    {
        ["open"] = new() { NeedsReview = true, Order = CellOrder.Urgency, Descending = true },
        ["all"] = new() { Order = CellOrder.Urgency, Descending = true },
        ["done"] = new() { Order = CellOrder.Updated, Descending = true },
    };

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => HttpResults.Redirect(ReviewPages.Root)).ExcludeFromDescription();

        var pages = app.MapGroup(ReviewPages.Root).RequireAuthorization(ApiPolicies.Read).ExcludeFromDescription();
        pages.MapGet("/", async (string? view, int? offset, HttpContext context, ResultsQueries queries) =>
        {
            var name = view is not null && Views.ContainsKey(view) ? view : "open";
            var page = await queries.PageAsync(Selection(name) with { Offset = Math.Max(0, offset ?? 0) }, context.RequestAborted).ConfigureAwait(false);
            return Page(ReviewPages.Queue(page, name, context.User));
        });

        pages.MapGet("/cases/{caseId}", async (string caseId, HttpContext context, ResultsQueries queries) =>
        {
            var cells = await queries.CellsAsync(caseId: caseId, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return cells.Count == 0 ? NotFound($"No case '{caseId}'.", context.User) : Page(ReviewPages.Case(new CaseDetail(ResultsQueries.Cases(cells)[0], cells.OrderBy(c => c.CellId, NaturalOrder.Instance).ToList()), context.User));
        });

        pages.MapGet("/cases/{caseId}/cells/{cellId}", async (string caseId, string cellId, string? view, HttpContext context, ResultsQueries queries, ReviewStore reviews, PictureService pictures) =>
        {
            var cancellationToken = context.RequestAborted;
            if (await queries.CellAsync(caseId, cellId, cancellationToken: cancellationToken).ConfigureAwait(false) is not { } detail)
            {
                return NotFound($"No cell '{cellId}' in case '{caseId}'.", context.User);
            }

            if (detail.Chromosomes.Count == 0)
            {
                return NotFound($"Cell '{cellId}' has no result to review ({detail.Cell.Status}{(detail.Cell.Error is null ? string.Empty : ": " + detail.Cell.Error)}).", context.User);
            }

            var karyogram = await pictures.KaryogramAsync(detail, cancellationToken).ConfigureAwait(false);
            var spread = await pictures.SpreadAsync(detail, cancellationToken).ConfigureAwait(false);
            var audit = await reviews.AuditAsync(caseId, cellId, cancellationToken).ConfigureAwait(false);
            var name = view is not null && Views.ContainsKey(view) ? view : "open";
            var neighbours = await NeighboursAsync(queries, Selection(name), caseId, cellId, name, cancellationToken).ConfigureAwait(false);
            var canReview = context.User.IsInRole(ApiRoles.Reviewer) || context.User.IsInRole(ApiRoles.Admin);
            return Page(ReviewPages.Cell(detail, karyogram, spread, audit, neighbours, canReview, context.User));
        });

        app.MapGet(ReviewPages.Assets + "/{name}", (string name) =>
            typeof(PageEndpoints).Assembly.GetManifestResourceStream($"ChromoFarm.Api.Assets.{name}") is { } asset
                ? HttpResults.Stream(asset, Path.GetExtension(name) switch { ".js" => "text/javascript; charset=utf-8", ".svg" => "image/svg+xml", _ => "text/css; charset=utf-8" })
                : HttpResults.NotFound()).AllowAnonymous().ExcludeFromDescription();

        // Browsers ask for it whatever the page says.
        app.MapGet("/favicon.ico", () => HttpResults.Redirect($"{ReviewPages.Assets}/icon.svg")).AllowAnonymous().ExcludeFromDescription();

        app.MapGet(ReviewPages.Login, async (string? next, string? key, HttpContext context, ApiKeyStore keys) =>
            key is null ? Page(ReviewPages.LoginForm(Local(next), null)) : await SignInAsync(context, keys, key, Local(next)).ConfigureAwait(false))
            .AllowAnonymous().ExcludeFromDescription();

        app.MapPost(ReviewPages.Login, async (HttpContext context, ApiKeyStore keys) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            return await SignInAsync(context, keys, form["key"].ToString().Trim(), Local(form["next"])).ConfigureAwait(false);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return HttpResults.Redirect(ReviewPages.Login);
        }).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static CellQuery Selection(string view) => Views[view] with { Limit = CellQuery.DefaultLimit };

    // The page's neighbours in the queue view it was opened from, for n / p.
    private static async Task<(string? Previous, string? Next)> NeighboursAsync(ResultsQueries queries, CellQuery view, string caseId, string cellId, string name, CancellationToken cancellationToken)
    {
        var page = await queries.PageAsync(view with { Limit = CellQuery.MaxLimit }, cancellationToken).ConfigureAwait(false);
        var at = page.Items.ToList().FindIndex(c => c.CaseId == caseId && c.CellId == cellId);
        string? Link(int i) => i >= 0 && i < page.Items.Count ? $"{ReviewPages.CellUrl(page.Items[i].CaseId, page.Items[i].CellId)}?view={name}" : null;
        return at < 0 ? (null, Link(0)) : (Link(at - 1), Link(at + 1));
    }

    // A one-time key from `chromofarm review` arrives in the URL: it is swapped for the cookie and dropped from the address.
    private static async Task<IResult> SignInAsync(HttpContext context, ApiKeyStore keys, string key, string next)
    {
        var check = await keys.CheckAsync(key, context.RequestAborted).ConfigureAwait(false);
        if (check.Key is not { } record)
        {
            return Page(ReviewPages.LoginForm(next, check.Refusal), StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, record.Name), new Claim(ClaimTypes.Role, record.Role), new Claim(ApiKeyAuthenticationHandler.KeyIdClaim, record.KeyId)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        return HttpResults.Redirect(next);
    }

    // Only a path on this site: a login link must not be able to send the reviewer elsewhere.
    private static string Local(string? next) =>
        next is { Length: > 0 } path && path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal) ? path : ReviewPages.Root;

    private static IResult Page(string html, int status = StatusCodes.Status200OK) => HttpResults.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static IResult NotFound(string message, ClaimsPrincipal user) =>
        Page(ReviewPages.Layout("Not found", new Html().Add($"<p class=\"error\">{message}</p><p><a href=\"{ReviewPages.Root}\">Back to the queue</a></p>").ToString(), user), StatusCodes.Status404NotFound);
}
