using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChromoFarm.Security;

namespace ChromoFarm.Core.Tests.Security;

/// <summary>Certificates made here: a lab CA, a server certificate it signs, and one from a CA nobody trusts.</summary>
public sealed class PrivateCertificateAuthorityTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cf-ca-").FullName;

    [Fact]
    public void A_certificate_signed_by_the_lab_CA_is_trusted_and_one_from_another_CA_is_not()
    {
        using var lab = Authority("lab CA");
        using var stranger = Authority("stranger CA");
        using var server = Signed(lab, "broker.lab");
        using var forged = Signed(stranger, "broker.lab");
        var authority = PrivateCertificateAuthority.Load(WritePem("ca.pem", lab));

        // The system's store does not know the lab CA, so TLS itself reports a chain error: the lab CA decides.
        Assert.True(authority.Validate(server, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(authority.Validate(forged, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void A_certificate_for_another_host_is_refused_even_from_the_lab_CA()
    {
        using var lab = Authority("lab CA");
        using var server = Signed(lab, "other.lab");
        var authority = PrivateCertificateAuthority.Load(WritePem("ca.pem", lab));

        Assert.False(authority.Validate(server, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(authority.Validate(null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public void A_file_without_a_certificate_is_named()
    {
        var empty = Path.Combine(folder, "empty.pem");
        File.WriteAllText(empty, "not a certificate\n");
        Assert.Equal($"{empty}: no certificate in the file (expected -----BEGIN CERTIFICATE-----)", Assert.Throws<InvalidDataException>(() => PrivateCertificateAuthority.Load(empty)).Message);
        var missing = Path.Combine(folder, "missing.pem");
        Assert.Equal($"{missing}: CA certificate file not found", Assert.Throws<FileNotFoundException>(() => PrivateCertificateAuthority.Load(missing)).Message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 Signed(X509Certificate2 authority, string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        return request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), RandomNumberGenerator.GetBytes(8));
    }

    private string WritePem(string name, X509Certificate2 certificate)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
