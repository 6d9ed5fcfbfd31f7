using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ChromoFarm.Results.Tests;

/// <summary>
/// The results database over TLS as a lab would set it: `SSL Mode=VerifyFull;Root Certificate=ca.pem` in
/// Results:ConnectionString, against the real PostgreSQL serving the test CA's certificate (scripts/services.sh).
/// </summary>
public sealed class PostgresTlsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-pgtls-").FullName;

    [SkippableFact]
    public async Task The_store_connects_with_the_certificate_checked_against_the_lab_CA()
    {
        var skip = new PostgresTestDatabase().SkipReason();
        Skip.If(skip is not null, skip);
        var connection = Verified(LocalServices.TlsFile("ca.pem"));

        await using var db = new ResultsDbContext(ResultsDatabase.Postgres(connection));
        var encrypted = await db.Database.SqlQueryRaw<string>("SELECT version AS \"Value\" FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl").ToListAsync();

        Assert.StartsWith("TLSv1.", Assert.Single(encrypted), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_server_certificate_from_another_CA_is_refused()
    {
        var skip = new PostgresTestDatabase().SkipReason();
        Skip.If(skip is not null, skip);
        var stranger = Path.Combine(folder, "stranger.pem");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=stranger CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllTextAsync(stranger, authority.ExportCertificatePem());
        }

        await using var refused = new NpgsqlConnection(Verified(stranger));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => refused.OpenAsync());

        Assert.Contains("certificate", error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Verified(string rootCertificate) => new NpgsqlConnectionStringBuilder(PostgresTestDatabase.Server)
    {
        SslMode = SslMode.VerifyFull,
        RootCertificate = rootCertificate,
        Pooling = false,
    }.ConnectionString;
}
