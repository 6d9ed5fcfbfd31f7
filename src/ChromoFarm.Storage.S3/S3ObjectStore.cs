using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ChromoFarm.Storage;

/// <summary>
/// Content-addressed objects in an S3 bucket (path-style, as MinIO wants), keyed PREFIX/ab/cd/abcd….
/// The content is spooled to a temporary file while it is hashed, so an upload never holds a whole image set in
/// memory, and the key exists only once the whole object is written: S3 makes a PUT visible atomically.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client client;
    private readonly S3StoreOptions options;
    private readonly SemaphoreSlim bucketReady = new(1, 1);
    private bool bucketChecked;

    public S3ObjectStore(S3StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        var config = new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = options.Region,
            // Checksums only where the API requires them: S3-compatible servers differ in the trailers they accept.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.CaCertificate is { Length: > 0 } path)
        {
            config.HttpClientFactory = new PrivateCaHttpClientFactory(ChromoFarm.Security.PrivateCertificateAuthority.Load(path));
        }

        AWSCredentials credentials = string.IsNullOrEmpty(options.AccessKey)
            ? new AnonymousAWSCredentials()
            : new BasicAWSCredentials(options.AccessKey, options.SecretKey);
        client = new AmazonS3Client(credentials, config);
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
                await client.PutObjectAsync(
                    new PutObjectRequest
                    {
                        BucketName = options.Bucket,
                        Key = ObjectKey(key),
                        InputStream = file,
                        AutoCloseStream = false,
                        UseChunkEncoding = false,
                    },
                    cancellationToken).ConfigureAwait(false);

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
        try
        {
            using var response = await client.GetObjectAsync(options.Bucket, ObjectKey(key), cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"object {key} is not in s3://{options.Bucket}/{options.Prefix}", ObjectKey(key), error);
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.GetObjectMetadataAsync(options.Bucket, ObjectKey(key), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception error) when (error.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public void Dispose()
    {
        client.Dispose();
        bucketReady.Dispose();
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
                try
                {
                    await client.PutBucketAsync(new PutBucketRequest { BucketName = options.Bucket }, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonS3Exception error) when (error.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
                {
                    // Created by an earlier run or another role.
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
