using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ChromoFarm.Security;

/// <summary>
/// Trust for a lab's own certificate authority (a PEM file of one or more CA certificates): a server certificate is
/// accepted when it chains to one of them and names the host connected to. The system's trust store is not
/// consulted, so a public CA cannot vouch for a lab-internal broker or store.
/// </summary>
public sealed class PrivateCertificateAuthority
{
    private readonly X509Certificate2Collection roots;

    private PrivateCertificateAuthority(string path, X509Certificate2Collection roots)
    {
        Path = path;
        this.roots = roots;
    }

    /// <summary>The PEM file the roots came from.</summary>
    public string Path { get; }

    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file holds no PEM certificate.</exception>
    public static PrivateCertificateAuthority Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: CA certificate file not found", path);
        }

        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (System.Security.Cryptography.CryptographicException error)
        {
            throw new InvalidDataException($"{path}: not a PEM certificate file ({error.Message})", error);
        }

        return roots.Count == 0 ? throw new InvalidDataException($"{path}: no certificate in the file (expected -----BEGIN CERTIFICATE-----)") : new PrivateCertificateAuthority(path, roots);
    }

    /// <summary>For SslStream-based clients (HttpClient, RabbitMQ.Client): name checked by TLS, chain checked here.</summary>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        // A private CA rarely runs a revocation service; expiry and signatures are still checked.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    }

    public RemoteCertificateValidationCallback Callback => (_, certificate, _, errors) => Validate(certificate, errors);
}
