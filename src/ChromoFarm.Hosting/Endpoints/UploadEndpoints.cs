using ChromoFarm.Ingest;
using ChromoFarm.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace ChromoFarm.Hosting.Endpoints;

/// <summary>The upload protocol of <see cref="IngestHttp"/>, served by the ingest and api roles.</summary>
internal static class UploadEndpoints
{
    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder app)
    {
        var objects = $"{IngestHttp.Objects}/{{key}}";
        app.MapMethods(objects, [HttpMethods.Head], async (string key, IObjectStore store, CancellationToken cancellationToken) =>
            !ContentKey.IsKey(key) ? HttpResults.BadRequest()
            : await store.ExistsAsync(key, cancellationToken).ConfigureAwait(false) ? HttpResults.Ok()
            : HttpResults.NotFound());

        // The body is streamed into the store, which hashes it on the way; the key in the URL must match the content.
        app.MapPut(objects, async (string key, HttpRequest request, IObjectStore store, CancellationToken cancellationToken) =>
        {
            if (!ContentKey.IsKey(key))
            {
                return HttpResults.BadRequest(new { error = $"'{key}' is not a lower-case SHA-256 key" });
            }

            var stored = await store.PutAsync(request.Body, cancellationToken).ConfigureAwait(false);
            return stored.Key != key
                ? HttpResults.BadRequest(new { error = $"the content hashes to {stored.Key}, not {key} (upload truncated or corrupted in transit)" })
                : HttpResults.Ok(new { stored.Key, stored.Length, stored.AlreadyStored });
        });

        app.MapPost(IngestHttp.Cells, async (CellUpload upload, CellSubmissionService submissions, CancellationToken cancellationToken) =>
        {
            try
            {
                return HttpResults.Json(await submissions.SubmitAsync(upload, cancellationToken).ConfigureAwait(false), IngestHttp.Json);
            }
            catch (ArgumentException error)
            {
                return HttpResults.BadRequest(new { error = error.Message });
            }
        });
        return app;
    }
}
