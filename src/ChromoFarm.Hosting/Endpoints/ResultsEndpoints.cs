using ChromoFarm.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ChromoFarm.Hosting.Endpoints;

/// <summary>The analysts' read side, served by the api role.</summary>
internal static class ResultsEndpoints
{
    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder app)
    {
        // ?model=VERSION picks the results of one model; without it, each cell's latest result.
        app.MapGet("/v1/cells", async (string? model, ResultsQueries queries, CancellationToken cancellationToken) =>
            HttpResults.Ok(await queries.CellsAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false)));

        app.MapGet("/v1/cases", async (string? model, ResultsQueries queries, CancellationToken cancellationToken) =>
            HttpResults.Ok(ResultsQueries.Cases(await queries.CellsAsync(model, cancellationToken: cancellationToken).ConfigureAwait(false))));

        app.MapGet("/v1/cases/{caseId}/cells", async (string caseId, string? model, ResultsQueries queries, CancellationToken cancellationToken) =>
        {
            var cells = await queries.CellsAsync(model, caseId, cancellationToken).ConfigureAwait(false);
            return cells.Count == 0 ? HttpResults.NotFound(new { error = $"no case '{caseId}'" }) : HttpResults.Ok(cells);
        });
        return app;
    }
}
