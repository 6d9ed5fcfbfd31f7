using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ChromoFarm.Api;

/// <summary>Karyogram and spread pictures as PNG.</summary>
internal static class PictureEndpoints
{
    public static IEndpointRouteBuilder MapPictures(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/v1/cases/{caseId}/cells/{cellId}").RequireAuthorization(ApiPolicies.Read).WithTags("pictures");

        read.MapGet("/karyogram.png", async (string caseId, string cellId, string? model, ResultsQueries queries, PictureService pictures, CancellationToken cancellationToken) =>
        {
            if (await queries.CellAsync(caseId, cellId, model, cancellationToken).ConfigureAwait(false) is not { Chromosomes.Count: > 0 } cell)
            {
                return HttpResults.NotFound(new ApiError($"no analysed cell '{cellId}' in case '{caseId}'"));
            }

            var picture = await pictures.KaryogramAsync(cell, cancellationToken).ConfigureAwait(false);
            return HttpResults.File(picture.Png, "image/png");
        }).WithSummary("The cell's karyogram in the ISCN layout, with its current (reviewed) labels").Produces(StatusCodes.Status200OK, contentType: "image/png");

        read.MapGet("/spread.png", async (string caseId, string cellId, string? model, ResultsQueries queries, PictureService pictures, CancellationToken cancellationToken) =>
        {
            var cell = await queries.CellAsync(caseId, cellId, model, cancellationToken).ConfigureAwait(false);
            if (cell is null)
            {
                return HttpResults.NotFound(new ApiError($"no cell '{cellId}' in case '{caseId}'"));
            }

            return await pictures.SpreadAsync(cell, cancellationToken).ConfigureAwait(false) is { } picture
                ? HttpResults.File(picture.Png, "image/png")
                : HttpResults.NotFound(new ApiError($"cell '{cellId}' has no stored spread (a crop set, or the image is missing)"));
        }).WithSummary("A whole-spread cell's spread with numbered outlines").Produces(StatusCodes.Status200OK, contentType: "image/png");
        return app;
    }
}
