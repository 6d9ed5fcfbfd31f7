using ChromoFarm.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ChromoFarm.Api;

/// <summary>The analysts' read side: pages of cells and cases, one cell with its chromosomes, its audit trail.</summary>
internal static class ResultsEndpoints
{
    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/v1").RequireAuthorization(ApiPolicies.Read).WithTags("results");

        read.MapGet("/cells", async (HttpRequest request, ResultsQueries queries, CancellationToken cancellationToken) =>
            Query(request, out var query) ?? HttpResults.Ok(await queries.PageAsync(query!, cancellationToken).ConfigureAwait(false)))
            .WithSummary("Cells with their latest result and review: filters, order, a page and the total")
            .WithDescription("Query: needs_review, abnormal, call, model, status, review (unreviewed|in_review|accepted|rejected), case, from, to, sort (case|urgency|confidence|updated|count, '-' for descending), limit (1..500), offset.")
            .Produces<Page<CellSummary>>().Produces<ApiError>(StatusCodes.Status400BadRequest);

        read.MapGet("/cases", async (int? limit, int? offset, string? model, ResultsQueries queries, CancellationToken cancellationToken) =>
            limit is < 1 or > CellQuery.MaxLimit || offset < 0
                ? HttpResults.BadRequest(new ApiError($"limit must be 1..{CellQuery.MaxLimit} and offset at least 0"))
                : HttpResults.Ok(await queries.CasesAsync(limit ?? CellQuery.DefaultLimit, offset ?? 0, model, cancellationToken).ConfigureAwait(false)))
            .WithSummary("Cases, each combined from its cells' reported calls (consensus, mosaicism), a page and the total")
            .Produces<Page<CaseSummary>>().Produces<ApiError>(StatusCodes.Status400BadRequest);

        read.MapGet("/cases/{caseId}", async (string caseId, string? model, ResultsQueries queries, CancellationToken cancellationToken) =>
        {
            var cells = await queries.CellsAsync(model, caseId, cancellationToken).ConfigureAwait(false);
            return cells.Count == 0
                ? HttpResults.NotFound(new ApiError($"no case '{caseId}'"))
                : HttpResults.Ok(new CaseDetail(ResultsQueries.Cases(cells)[0], cells));
        }).WithSummary("One case: its consensus and mosaicism, and every cell").Produces<CaseDetail>().Produces<ApiError>(StatusCodes.Status404NotFound);

        read.MapGet("/cases/{caseId}/cells", async (string caseId, string? model, ResultsQueries queries, CancellationToken cancellationToken) =>
        {
            var cells = await queries.CellsAsync(model, caseId, cancellationToken).ConfigureAwait(false);
            return cells.Count == 0 ? HttpResults.NotFound(new ApiError($"no case '{caseId}'")) : HttpResults.Ok(cells);
        }).WithSummary("The cells of one case").Produces<IReadOnlyList<CellSummary>>().Produces<ApiError>(StatusCodes.Status404NotFound);

        read.MapGet("/cases/{caseId}/cells/{cellId}", async (string caseId, string cellId, string? model, ResultsQueries queries, CancellationToken cancellationToken) =>
            await queries.CellAsync(caseId, cellId, model, cancellationToken).ConfigureAwait(false) is { } cell
                ? HttpResults.Ok(cell)
                : HttpResults.NotFound(new ApiError($"no cell '{cellId}' in case '{caseId}'")))
            .WithSummary("One cell: its result, review and every chromosome (label, model label, argmax, confidence, box, review flag)")
            .Produces<CellDetail>().Produces<ApiError>(StatusCodes.Status404NotFound);

        read.MapGet("/cases/{caseId}/cells/{cellId}/audit", async (string caseId, string cellId, ReviewStore reviews, CancellationToken cancellationToken) =>
            HttpResults.Ok(await reviews.AuditAsync(caseId, cellId, cancellationToken).ConfigureAwait(false)))
            .WithSummary("The cell's audit trail: who changed what, from what to what, oldest first");
        return app;
    }

    /// <summary>Null when the query string reads; else the 400 to answer.</summary>
    public static IResult? Query(HttpRequest request, out CellQuery? query)
    {
        try
        {
            query = CellQuery.Parse(request.Query);
            return null;
        }
        catch (BadQueryException error)
        {
            query = null;
            return HttpResults.BadRequest(new ApiError(error.Message));
        }
    }
}

/// <summary>A case and its cells.</summary>
public sealed record CaseDetail(CaseSummary Case, IReadOnlyList<CellSummary> Cells);
