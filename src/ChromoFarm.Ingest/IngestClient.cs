using System.Net;
using System.Net.Http.Json;
using ChromoFarm.Contracts;
using ChromoFarm.Storage;

namespace ChromoFarm.Ingest;

/// <summary>What `chromofarm ingest` did, counted per cell and per image.</summary>
public sealed record IngestCounts(int Accepted, int Duplicate, int Rejected, int ImagesUploaded, int ImagesAlreadyStored, long BytesUploaded)
{
    public int Cells => Accepted + Duplicate + Rejected;
}

/// <summary>
/// Streams an input to an ingest (or api) server: each file is hashed from disk, uploaded only when the server does
/// not hold its SHA-256 yet, and each cell is then submitted by key. Re-running after a crash therefore sends only
/// what is missing, and memory does not grow with the archive (cells are enumerated lazily, files streamed).
/// </summary>
public sealed class IngestClient(HttpClient http)
{
    private const int Attempts = 4;

    /// <param name="progress">Called once per cell with its outcome, from several threads.</param>
    /// <exception cref="IngestServerException">The server refused or failed a request after retries.</exception>
    public async Task<IngestCounts> IngestAsync(IEnumerable<CellSubmission> cells, Guid batchId, int parallelism, Action<CellSubmission, SubmissionResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        int accepted = 0, duplicate = 0, rejected = 0, uploaded = 0, alreadyStored = 0;
        long bytes = 0;
        await Parallel.ForEachAsync(cells, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken }, async (cell, token) =>
        {
            // A resumed run skips cells the farm already has without reading or hashing their files.
            if (await IsDoneAsync(cell, token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref duplicate);
                progress?.Invoke(cell, new SubmissionResult(SubmissionOutcome.Duplicate));
                return;
            }

            // Hash every file of the cell, ask once which contents the farm lacks, and send only those.
            var images = new List<CellImage>(cell.Files.Count);
            string? unreadable = null;
            var reading = cell.Files[0];
            try
            {
                foreach (var file in cell.Files)
                {
                    reading = file;
                    await using var content = Open(file);
                    images.Add(new CellImage(await ContentKey.OfAsync(content, token).ConfigureAwait(false), file.SourceName));
                }

                var missing = (await MissingAsync(images.Select(i => i.ObjectKey).Distinct().ToList(), token).ConfigureAwait(false)).ToHashSet();
                Interlocked.Add(ref alreadyStored, images.Count - missing.Count);
                foreach (var (file, image) in cell.Files.Zip(images))
                {
                    if (missing.Remove(image.ObjectKey))
                    {
                        reading = file;
                        Interlocked.Add(ref bytes, await PutAsync(file, image.ObjectKey, token).ConfigureAwait(false));
                        Interlocked.Increment(ref uploaded);
                    }
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                unreadable = $"{reading.SourceName}: cannot read ({error.Message})";
            }

            // A cell with an unreadable file is still submitted, so that it is recorded as failed with the reason.
            var upload = new CellUpload(batchId, cell.CaseId, cell.CellId, cell.Kind, images, unreadable);
            var result = await SubmitAsync(upload, token).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case SubmissionOutcome.Accepted:
                    Interlocked.Increment(ref accepted);
                    break;
                case SubmissionOutcome.Duplicate:
                    Interlocked.Increment(ref duplicate);
                    break;
                default:
                    Interlocked.Increment(ref rejected);
                    break;
            }

            progress?.Invoke(cell, result);
        }).ConfigureAwait(false);
        return new IngestCounts(accepted, duplicate, rejected, uploaded, alreadyStored, bytes);
    }

    private async Task<IReadOnlyList<string>> MissingAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var chunk in keys.Chunk(IngestHttp.MaxKeysPerRequest))
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, IngestHttp.MissingObjects) { Content = JsonContent.Create(chunk, options: IngestHttp.Json) }, cancellationToken).ConfigureAwait(false);
            missing.AddRange(await response.Content.ReadFromJsonAsync<string[]>(IngestHttp.Json, cancellationToken).ConfigureAwait(false) ?? []);
        }

        return missing;
    }

    // Each attempt streams the file afresh: the request owns (and disposes) its content. Returns the bytes sent.
    private async Task<long> PutAsync(InputFile file, string key, CancellationToken cancellationToken)
    {
        long length = 0;
        using var put = await SendAsync(
            () =>
            {
                var content = Open(file);
                length = content.Length;
                return new HttpRequestMessage(HttpMethod.Put, $"{IngestHttp.Objects}/{key}") { Content = new StreamContent(content, 81920) };
            },
            cancellationToken).ConfigureAwait(false);
        return length;
    }

    private async Task<bool> IsDoneAsync(CellSubmission cell, CancellationToken cancellationToken)
    {
        var query = $"{IngestHttp.CellDone}?case={Uri.EscapeDataString(cell.CaseId)}&cell={Uri.EscapeDataString(cell.CellId)}";
        using var answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, query), cancellationToken, HttpStatusCode.NotFound).ConfigureAwait(false);
        return answer.StatusCode == HttpStatusCode.OK;
    }

    private static FileStream Open(InputFile file) =>
        new(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    private async Task<SubmissionResult> SubmitAsync(CellUpload upload, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, IngestHttp.Cells) { Content = JsonContent.Create(upload, options: IngestHttp.Json) }, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<SubmissionResult>(IngestHttp.Json, cancellationToken).ConfigureAwait(false)
            ?? throw new IngestServerException($"{http.BaseAddress}{IngestHttp.Cells.TrimStart('/')}: empty answer for {upload.CaseId}/{upload.CellId}");
    }

    // Retries what a restarting or overloaded server answers (connection refused, 5xx); anything else is final, but
    // for 429 (over the server's rate limit), which is waited out as the server asks however often it comes.
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken, HttpStatusCode? alsoFine = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            var uri = new Uri(http.BaseAddress!, message.RequestUri!);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (HttpRequestException error)
            {
                throw new IngestServerException($"{uri}: {error.Message}", error);
            }

            if (response.IsSuccessStatusCode || response.StatusCode == alsoFine)
            {
                return response;
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                response.Dispose();
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                attempt--;
                continue;
            }

            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            response.Dispose();
            if (status >= 500 && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var hint = status is 401 or 403 ? " (uploads need an ingest key: `chromofarm apikey create --role ingest`, then --api-key or CHROMOFARM_API_KEY)" : "";
            throw new IngestServerException($"{message.Method} {uri}: {status} {(detail.Length > 200 ? detail[..200] : detail).Trim()}{hint}");
        }
    }
}

/// <summary>The ingest server could not be reached or refused a request; the message names the URL.</summary>
public sealed class IngestServerException(string message, Exception? inner = null) : Exception(message, inner);
