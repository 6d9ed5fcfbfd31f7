using System.Text.Json;
using ChromoFarm.Results;
using ChromoFarm.Reviewing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ChromoFarm.Api;

/// <summary>POST a review step: a new revision of the cell's labels, audited. The model's result never changes.</summary>
internal static class ReviewEndpoints
{
    /// <summary>The page sends this header with every change; a browser cannot add it to a request another site starts.</summary>
    public const string PageHeader = "X-ChromoFarm-Request";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/cases/{caseId}/cells/{cellId}/review", async (string caseId, string cellId, HttpContext context, ReviewStore reviews) =>
        {
            if (context.User.Identity?.AuthenticationType == Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme
                && !context.Request.Headers.ContainsKey(PageHeader))
            {
                return HttpResults.Json(new ApiError($"a change made with the login cookie must carry the {PageHeader} header (cross-site requests are refused)"), statusCode: StatusCodes.Status403Forbidden);
            }

            ReviewRequest? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<ReviewRequest>(context.Request.Body, Json, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException error)
            {
                return HttpResults.BadRequest(new ApiError($"the body is not a review step in JSON: {error.Message}"));
            }

            if (body is null || !LabelCorrections.TryParseAction(body.Action, out var action))
            {
                return HttpResults.BadRequest(new ApiError($"'action' must be one of {string.Join(", ", Enum.GetValues<ReviewAction>().Select(LabelCorrections.Name))}"));
            }

            var edit = new ReviewEdit(action, body.Chromosome, body.Other, body.Label, string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim());
            var outcome = await reviews.ApplyAsync(caseId, cellId, body.Model, edit, AuthRegistration.Actor(context.User), body.Revision, context.RequestAborted).ConfigureAwait(false);
            return outcome.Kind switch
            {
                ReviewOutcomeKind.Applied => HttpResults.Ok(new ReviewResponse(
                    outcome.State!.Revision, ReviewStore.StatusName(outcome.State.Status), outcome.State.Karyotype.Notation, outcome.State.ModelKaryotype,
                    outcome.State.Karyotype.ChromosomeCount, outcome.State.Karyotype.IsNormal)),
                ReviewOutcomeKind.NotFound => HttpResults.NotFound(new ApiError(outcome.Reason!)),
                ReviewOutcomeKind.Conflict => HttpResults.Conflict(new ApiError(outcome.Reason!)),
                _ => HttpResults.BadRequest(new ApiError(outcome.Reason!)),
            };
        })
        .RequireAuthorization(ApiPolicies.Review)
        .WithTags("review")
        .WithSummary("Apply one review step (relabel, swap, artefact, add_missed, remove_added, accept, reject, reopen) to the cell's current labels")
        .Accepts<ReviewRequest>("application/json")
        .Produces<ReviewResponse>()
        .Produces<ApiError>(StatusCodes.Status400BadRequest)
        .Produces<ApiError>(StatusCodes.Status404NotFound)
        .Produces<ApiError>(StatusCodes.Status409Conflict);
        return app;
    }
}
