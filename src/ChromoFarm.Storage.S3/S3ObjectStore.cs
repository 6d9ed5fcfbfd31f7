using System.Net;
using Minio;
using Minio.DataModel.Args;
using Minio.Exceptions;

namespace ChromoFarm.Storage;

/// <summary>
/// Content-addressed objects in an S3 bucket (MinIO's SDK, path-style), keyed PREFIX/ab/cd/abcd….
/// The content is spooled to a temporary file while it is hashed, so an upload never holds a whole image set in
/// memory, and the key exists only once the whole object is written: S3 makes a PUT, and the completion of a
/// multipart upload, visible atomically.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    // The signed URLs never leave the process; this only bounds a request that waits behind retries.
    private const int SignedUrlLifetimeSeconds = 900;

    // Up to the SDK's part size an image is one PUT; above it, a multipart upload.
    private const long SinglePutBytes = 16 * 1024 * 1024;

    private readonly IMinioClient client;
    private readonly HttpClient http;
    private readonly S3StoreOptions options;
    private readonly SemaphoreSlim bucketReady = new(1, 1);
    private bool bucketChecked;

    public S3ObjectStore(S3StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        var url = new Uri(options.ServiceUrl);

        // One pooled HttpClient for the store's life; the SDK does not dispose a client it was handed.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (options.CaCertificate is { Length: > 0 } path)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = ChromoFarm.Security.PrivateCertificateAuthority.Load(path).Callback;
        }

        http = new HttpClient(new TransientRetryHandler(handler)) { Timeout = TimeSpan.FromMinutes(5) };
        client = new MinioClient()
            .WithEndpoint(url.Host, url.Port)
            .WithSSL(url.Scheme == Uri.UriSchemeHttps)
            .WithRegion(options.Region)
            .WithCredentials(options.AccessKey, options.SecretKey)
            .WithHttpClient(http, disposeHttpClient: false)
            .Build();
    }

    public async Task<StoredObject> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        var temporary = Path.Combine(Path.GetTempPath(), $"chromofarm-upload-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose))
            {
                var key = await ContentKey.CopyAndHashAsync(content, file, cancellationToken).ConfigureAwait(false);
                var length = file.Length;

                if (await ExistsAsync(key, cancellationToken).ConfigureAwait(false))
                {
                    return new StoredObject(key, length, AlreadyStored: true);
                }

                file.Position = 0;
                if (length <= SinglePutBytes)
                {
                    // The SDK's PutObject checks the bucket and stats the object after writing it; a signed PUT is one request.
                    using var body = new StreamContent(file);
                    body.Headers.ContentLength = length;
                    body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
                    using var response = await SendSignedAsync(HttpMethod.Put, ObjectKey(key), body, cancellationToken).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new IOException($"object store {options.ServiceUrl} refused to write {key}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                    }

                    return new StoredObject(key, length, AlreadyStored: false);
                }

                // Larger images go up in the SDK's parts (16 MiB), read from the file one at a time.
                await CallAsync("write", key, () => client.PutObjectAsync(
                    new PutObjectArgs()
                        .WithBucket(options.Bucket)
                        .WithObject(ObjectKey(key))
                        .WithStreamData(file)
                        .WithObjectSize(length)
                        .WithContentType("application/octet-stream"),
                    cancellationToken)).ConfigureAwait(false);

                // Two writers of the same content may both get here: S3 keeps one object, with the same bytes.
                return new StoredObject(key, length, AlreadyStored: false);
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        // The SDK's GetObject asks whether the bucket exists and stats the object before reading it: three requests
        // per image. A URL the SDK signs locally reads it in one, through the same client and retry handler.
        var objectKey = ObjectKey(key);
        using var response = await SendSignedAsync(HttpMethod.Get, objectKey, content: null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"object {key} is not in s3://{options.Bucket}/{options.Prefix}", objectKey);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new IOException($"object store {options.ServiceUrl} refused to read {key}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        // The SDK's StatObject is two requests (bucket, then object); a signed GET of the first byte is one. A signed
        // URL cannot be used for HEAD: the method is part of the signature.
        using var request = new HttpRequestMessage(HttpMethod.Get, await SignedUrlAsync(HttpMethod.Get, ObjectKey(key)).ConfigureAwait(false));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 0);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK or HttpStatusCode.PartialContent => true,
            // An empty object has no first byte.
            HttpStatusCode.RequestedRangeNotSatisfiable => true,
            HttpStatusCode.NotFound => false,
            _ => throw new IOException($"object store {options.ServiceUrl} refused to look up {key}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}"),
        };
    }

    /// <summary>Keys per listing request: S3's most, 1,000; smaller in tests, to page.</summary>
    internal int ListPageSize { get; set; } = 1000;

    public async IAsyncEnumerable<string> ListKeysAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // ListObjects (version 1, paged by marker), a thousand keys a page, signed here: the SDK's own listing reads
        // only the XML namespace of AWS and MinIO and returns nothing from s3rver's, and s3rver fails version 2's
        // truncated pages with an internal error. Every S3 server answers version 1.
        await EnsureBucketAsync(cancellationToken).ConfigureAwait(false);
        string? marker = null;
        do
        {
            var query = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["prefix"] = options.Prefix,
                ["max-keys"] = ListPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (marker is not null)
            {
                query["marker"] = marker;
            }

            var url = QueryStringSigner.Sign(HttpMethod.Get, new Uri(options.ServiceUrl), $"/{options.Bucket}/", query,
                options.AccessKey, options.SecretKey, options.Region, DateTimeOffset.UtcNow, SignedUrlLifetimeSeconds);
            using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // The S3 error document names the reason (AccessDenied, SignatureDoesNotMatch, ...).
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new IOException($"object store {options.ServiceUrl} refused to list s3://{options.Bucket}/{options.Prefix}: HTTP {(int)response.StatusCode} {response.ReasonPhrase} {body[..Math.Min(body.Length, 300)]}");
            }

            var page = ListingPage.Parse(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
            foreach (var objectKey in page.Keys)
            {
                // PREFIX/ab/cd/KEY; anything else under the prefix is not ours.
                var name = objectKey[(objectKey.LastIndexOf('/') + 1)..];
                if (ContentKey.IsKey(name) && objectKey == ObjectKey(name))
                {
                    yield return name;
                }
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    public void Dispose()
    {
        client.Dispose();
        http.Dispose();
        bucketReady.Dispose();
    }

    private async Task<HttpResponseMessage> SendSignedAsync(HttpMethod method, string objectKey, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, await SignedUrlAsync(method, objectKey).ConfigureAwait(false)) { Content = content };
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    // Signed locally by the SDK (SigV4 in the query string); no request is made.
    private async Task<Uri> SignedUrlAsync(HttpMethod method, string objectKey) => new(method == HttpMethod.Put
        ? await client.PresignedPutObjectAsync(new PresignedPutObjectArgs().WithBucket(options.Bucket).WithObject(objectKey).WithExpiry(SignedUrlLifetimeSeconds)).ConfigureAwait(false)
        : await client.PresignedGetObjectAsync(new PresignedGetObjectArgs().WithBucket(options.Bucket).WithObject(objectKey).WithExpiry(SignedUrlLifetimeSeconds)).ConfigureAwait(false));

    // One SDK call. When the server never answered, the SDK fails while parsing the missing response (a
    // NullReferenceException in Minio 7.0); the transport failure the retry handler kept is reported instead.
    private async Task<T> CallAsync<T>(string what, string key, Func<Task<T>> call)
    {
        var failure = new TransientRetryHandler.TransportFailure();
        TransientRetryHandler.Failure.Value = failure;
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception error) when (failure.Error is { } transport && error is not MinioException)
        {
            throw new IOException($"object store {options.ServiceUrl} did not answer ({what} {key}): {transport.Message}", transport);
        }
        finally
        {
            TransientRetryHandler.Failure.Value = null;
        }
    }

    // The same sharding as the local folder store, so that objects can be copied between the two as they are.
    private string ObjectKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!ContentKey.IsKey(key))
        {
            throw new ArgumentException($"'{key}' is not a lower-case SHA-256 key", nameof(key));
        }

        return $"{options.Prefix}{key[..2]}/{key[2..4]}/{key}";
    }

    // The bucket is created on first use if it is missing, once per process.
    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (bucketChecked)
        {
            return;
        }

        await bucketReady.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!bucketChecked)
            {
                var bucket = new BucketExistsArgs().WithBucket(options.Bucket);
                if (!await CallAsync("find the bucket", options.Bucket, () => client.BucketExistsAsync(bucket, cancellationToken)).ConfigureAwait(false))
                {
                    try
                    {
                        await client.MakeBucketAsync(new MakeBucketArgs().WithBucket(options.Bucket).WithLocation(options.Region), cancellationToken).ConfigureAwait(false);
                    }
                    catch (MinioException error) when (error.Message.Contains("BucketAlreadyOwnedByYou", StringComparison.Ordinal) || error.Message.Contains("BucketAlreadyExists", StringComparison.Ordinal))
                    {
                        // Created meanwhile by another role.
                    }
                }

                bucketChecked = true;
            }
        }
        finally
        {
            bucketReady.Release();
        }
    }
}
