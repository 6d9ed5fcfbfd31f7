using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ChromoFarm.Api;

/// <summary>
/// The selection of GET /v1/cells, whole, as results.csv rows or a JSON array, streamed: rows are read from the
/// database a chunk at a time and written as they come, so memory holds one chunk whatever the selection's size.
/// </summary>
internal static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/v1").RequireAuthorization(ApiPolicies.Read).WithTags("exports");

        read.MapGet("/export.csv", (HttpRequest request, ResultsQueries queries) =>
            Selection(request, out var query) ?? new StreamedResult("text/csv; charset=utf-8", "cells.csv", async (body, cancellationToken) =>
            {
                await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 1 << 16);
                await ResultsQueries.WriteCsvAsync(queries.StreamAsync(query!, cancellationToken), writer, cancellationToken).ConfigureAwait(false);
            }))
            .WithSummary("The selection as results.csv rows (filters as GET /v1/cells; limit and offset do not apply)");

        read.MapGet("/export.json", (HttpRequest request, ResultsQueries queries, IOptions<JsonOptions> json) =>
            Selection(request, out var query) ?? new StreamedResult("application/json; charset=utf-8", "cells.json", async (body, cancellationToken) =>
            {
                await JsonSerializer.SerializeAsync(body, queries.StreamAsync(query!, cancellationToken), json.Value.SerializerOptions, cancellationToken).ConfigureAwait(false);
            }))
            .WithSummary("The selection as a JSON array of cells (filters as GET /v1/cells; limit and offset do not apply)");
        return app;
    }

    private static IResult? Selection(HttpRequest request, out CellQuery? query)
    {
        var refused = ResultsEndpoints.Query(request, out query);
        if (refused is null && (request.Query.ContainsKey("limit") || request.Query.ContainsKey("offset")))
        {
            return HttpResults.BadRequest(new ApiError("an export is the whole selection: limit and offset do not apply (page with GET /v1/cells)"));
        }

        return refused;
    }

    /// <summary>Writes the body as it is produced, as an attachment.</summary>
    private sealed class StreamedResult(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = contentType;
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            await write(httpContext.Response.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
