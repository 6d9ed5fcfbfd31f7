using System.Security.Cryptography;
using System.Text;

namespace ChromoFarm.Security;

/// <summary>
/// Patient (case) ids replaced by a keyed hash before anything is stored: HMAC-SHA-256 under the lab's key, the
/// first 80 bits in lower-case base32 after "p-" (p-3fz6…, 18 characters). The same id and key always give the same
/// pseudonym, so a patient's later cells join the earlier ones; without the key a pseudonym cannot be traced back or
/// computed from a guessed id. The key lives only in the farm's settings, never in the database or object store.
/// </summary>
public sealed class PatientPseudonyms
{
    /// <summary>Shortest key accepted: 32 characters (a random 256-bit key is 43 in base64).</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>Shortest patient id replaced inside other names.</summary>
    public const int MinimumEmbeddedLength = 4;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    private readonly byte[] key;

    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumKeyLength"/>.</exception>
    public PatientPseudonyms(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"the pseudonym key must have at least {MinimumKeyLength} characters (got {key.Length}); make one with: openssl rand -base64 32");
        }

        this.key = Encoding.UTF8.GetBytes(key);
    }

    public string Of(string patientId)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(patientId), mac);
        // 80 bits: 16 base32 digits of 5 bits each, taken from the first 10 bytes.
        var text = new StringBuilder("p-", 18);
        ulong bits = 0;
        var have = 0;
        foreach (var b in mac[..10])
        {
            bits = (bits << 8) | b;
            have += 8;
            while (have >= 5)
            {
                have -= 5;
                text.Append(Alphabet[(int)((bits >> have) & 31)]);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A cell id or stored path with the patient id replaced by its pseudonym wherever it occurs (97002023.12 becomes
    /// p-….12, 97002023/m1.png p-…/m1.png). An id shorter than <see cref="MinimumEmbeddedLength"/> characters is
    /// replaced only where it is a whole name or folder, since inside other names it cannot be told from them.
    /// </summary>
    public string Within(string text, string patientId)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(patientId);
        if (patientId.Length == 0)
        {
            return text;
        }

        var pseudonym = Of(patientId);
        var normalised = text.Replace('\\', '/');
        if (patientId.Length >= MinimumEmbeddedLength)
        {
            return normalised.Replace(patientId.Replace('\\', '/'), pseudonym, StringComparison.Ordinal);
        }

        return string.Join('/', normalised.Split('/').Select(part => part == patientId ? pseudonym : part));
    }
}
