using Amazon.Runtime;
using ChromoFarm.Security;

namespace ChromoFarm.Storage;

/// <summary>The S3 client's HTTP connections, trusting only the lab's CA for the store's certificate.</summary>
internal sealed class PrivateCaHttpClientFactory(PrivateCertificateAuthority authority) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = authority.Callback },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        return new HttpClient(handler) { Timeout = clientConfig?.Timeout ?? TimeSpan.FromMinutes(5) };
    }

    // The SDK keeps and reuses the client it made (its default caching), keyed by this string.
    public override string GetConfigUniqueString(IClientConfig clientConfig) => "chromofarm-private-ca:" + authority.Path;
}
