using ChromoFarm.Api;
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
    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder routes)
    {
        // Uploads start analyses and fill the store: only an ingest (or admin) credential may.
        var app = routes.MapGroup("").RequireAuthorization(ApiPolicies.Ingest);
        var objects = $"{IngestHttp.Objects}/{{key}}";
        app.MapMethods(objects, [HttpMethods.Head], async (string key, StoredObjectIndex index, CancellationToken cancellationToken) =>
            !ContentKey.IsKey(key) ? HttpResults.BadRequest()
            : await index.ExistsAsync(key, cancellationToken).ConfigureAwait(false) ? HttpResults.Ok()
            : HttpResults.NotFound());

        // One request per cell instead of one per image; bounded, since each key may cost a lookup in the store.
        app.MapPost(IngestHttp.MissingObjects, async (string[] keys, StoredObjectIndex index, CancellationToken cancellationToken) =>
            keys.Length > IngestHttp.MaxKeysPerRequest ? HttpResults.BadRequest(new { error = $"{keys.Length} keys: at most {IngestHttp.MaxKeysPerRequest} per request" })
            : keys.FirstOrDefault(k => !ContentKey.IsKey(k)) is { } bad
                ? HttpResults.BadRequest(new { error = $"'{bad}' is not a lower-case SHA-256 key" })
                : HttpResults.Ok(await index.MissingAsync(keys, cancellationToken).ConfigureAwait(false)));

        // The body is streamed into the store, which hashes it on the way; the key in the URL must match the content.
        app.MapPut(objects, async (string key, HttpRequest request, StoredObjectIndex index, CancellationToken cancellationToken) =>
        {
            if (!ContentKey.IsKey(key))
            {
                return HttpResults.BadRequest(new { error = $"'{key}' is not a lower-case SHA-256 key" });
            }

            var stored = await index.PutAsync(request.Body, cancellationToken).ConfigureAwait(false);
            return stored.Key != key
                ? HttpResults.BadRequest(new { error = $"the content hashes to {stored.Key}, not {key} (upload truncated or corrupted in transit)" })
                : HttpResults.Ok(new { stored.Key, stored.Length, stored.AlreadyStored });
        });

        app.MapGet(IngestHttp.CellDone, async (string @case, string cell, CellSubmissionService submissions, CancellationToken cancellationToken) =>
            await submissions.IsDoneAsync(@case, cell, cancellationToken).ConfigureAwait(false) ? HttpResults.Ok() : HttpResults.NotFound());

        app.MapPost(IngestHttp.Cells, async (CellUpload upload, CellSubmissionService submissions, CancellationToken cancellationToken) =>
        {
            try
            {
                return HttpResults.Ok(await submissions.SubmitAsync(upload, cancellationToken).ConfigureAwait(false));
            }
            catch (ArgumentException error)
            {
                return HttpResults.BadRequest(new { error = error.Message });
            }
        });
        return routes;
    }
}
