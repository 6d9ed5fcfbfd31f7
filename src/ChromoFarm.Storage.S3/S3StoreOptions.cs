namespace ChromoFarm.Storage;

/// <summary>Where the distributed farm keeps images: an S3-compatible server (MinIO, or AWS S3 itself).</summary>
public sealed class S3StoreOptions
{
    public const string Section = "ObjectStore";

    /// <summary>Service URL, e.g. http://minio:9000. Required.</summary>
    public string ServiceUrl { get; set; } = string.Empty;

    public string Bucket { get; set; } = "chromofarm";

    public string AccessKey { get; set; } = string.Empty;

    public string SecretKey { get; set; } = string.Empty;

    /// <summary>Signing region; MinIO accepts any.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Key prefix, so that one bucket can hold several farms.</summary>
    public string Prefix { get; set; } = "objects/";

    /// <summary>With an https ServiceUrl: a PEM file of the CA certificates that sign the store's certificate, for
    /// a lab's own CA; unset, the system's trust store decides.</summary>
    public string? CaCertificate { get; set; }

    /// <exception cref="ArgumentException">A required setting is missing; the message names it.</exception>
    public void Validate()
    {
        if (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url))
        {
            throw new ArgumentException($"{Section}:{nameof(ServiceUrl)} must be an absolute URL (got '{ServiceUrl}')");
        }

        if (CaCertificate is { Length: > 0 } && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"{Section}:{nameof(CaCertificate)} is set but {Section}:{nameof(ServiceUrl)} is not https://: the CA would not be used");
        }

        // The Minio SDK signs every request and cannot make anonymous ones (the AWS SDK this replaced could).
        if (string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey))
        {
            throw new ArgumentException($"{Section}:{nameof(AccessKey)} and {Section}:{nameof(SecretKey)} are required: every object-store request is signed");
        }

        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new ArgumentException($"{Section}:{nameof(Bucket)} is required");
        }
    }
}
