using ChromoFarm.Storage;

namespace ChromoFarm.Storage.Tests;

/// <summary>The object store over https with a lab's own CA (ObjectStore:CaCertificate), against a real s3rver.</summary>
public sealed class S3TlsTests
{
    [SkippableFact]
    public async Task Objects_go_over_https_when_the_store_certificate_chains_to_the_lab_CA()
    {
        RequireServer();
        using var server = await TlsObjectStoreServer.StartAsync();
        using var store = new S3ObjectStore(Options(server.Url, LocalServices.TlsFile("ca.pem")));
        var bytes = "a metaphase, encrypted in transit"u8.ToArray();

        var stored = await store.PutAsync(new MemoryStream(bytes));

        Assert.Equal(bytes, await store.GetAsync(stored.Key));
    }

    [SkippableFact]
    public async Task Without_the_lab_CA_the_store_certificate_is_refused()
    {
        RequireServer();
        using var server = await TlsObjectStoreServer.StartAsync();
        using var store = new S3ObjectStore(Options(server.Url, caCertificate: null));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => store.PutAsync(new MemoryStream([1, 2, 3])));

        Assert.Contains("certificate", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_CA_for_a_plain_http_store_is_refused_as_a_mistake()
    {
        var error = Assert.Throws<ArgumentException>(() => new S3ObjectStore(Options("http://127.0.0.1:9000", "/etc/lab-ca.pem")));
        Assert.Equal("ObjectStore:CaCertificate is set but ObjectStore:ServiceUrl is not https://: the CA would not be used", error.Message);
    }

    private static S3StoreOptions Options(string url, string? caCertificate) => new()
    {
        ServiceUrl = url,
        Bucket = $"cf-tls-{Guid.NewGuid():N}"[..24],
        AccessKey = "S3RVER",
        SecretKey = "S3RVER",
        CaCertificate = caCertificate,
    };

    // The https server is this test's own, but it is the s3rver that scripts/services.sh installs and whose plain
    // instance shows that the services are there.
    private static void RequireServer()
    {
        var reason = LocalServices.Unavailable("the S3-compatible server", LocalServices.S3Url);
        Skip.If(reason is not null, reason);
    }
}
