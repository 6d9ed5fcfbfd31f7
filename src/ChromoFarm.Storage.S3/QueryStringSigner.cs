using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChromoFarm.Storage;

/// <summary>
/// AWS Signature Version 4 in the query string ("presigned") for a request the Minio SDK does not sign itself: the
/// bucket listing, whose XML some S3-compatible servers (s3rver) write in a namespace the SDK's parser does not read.
/// Only the host header is signed and the payload is UNSIGNED-PAYLOAD, as for the SDK's own presigned URLs.
/// </summary>
internal static class QueryStringSigner
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <param name="path">The path as sent, starting with '/', unencoded (path-style: /bucket/...).</param>
    /// <param name="query">The request's own parameters, unencoded; the signature's are added.</param>
    public static Uri Sign(HttpMethod method, Uri service, string path, IReadOnlyDictionary<string, string> query,
        string accessKey, string secretKey, string region, DateTimeOffset now, int expirySeconds)
    {
        var date = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{date}/{region}/s3/aws4_request";
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query)
        {
            parameters[Encode(name)] = Encode(value);
        }

        parameters["X-Amz-Algorithm"] = Algorithm;
        parameters["X-Amz-Credential"] = Encode($"{accessKey}/{scope}");
        parameters["X-Amz-Date"] = stamp;
        parameters["X-Amz-Expires"] = expirySeconds.ToString(CultureInfo.InvariantCulture);
        parameters["X-Amz-SignedHeaders"] = "host";
        var canonicalQuery = string.Join('&', parameters.Select(p => $"{p.Key}={p.Value}"));
        var canonicalPath = string.Join('/', path.Split('/').Select(Encode));
        var host = service.IsDefaultPort ? service.Host : $"{service.Host}:{service.Port.ToString(CultureInfo.InvariantCulture)}";
        var canonicalRequest = $"{method.Method}\n{canonicalPath}\n{canonicalQuery}\nhost:{host}\n\nhost\nUNSIGNED-PAYLOAD";
        var toSign = $"{Algorithm}\n{stamp}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, "s3");
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, toSign));
        return new Uri($"{service.Scheme}://{host}{canonicalPath}?{canonicalQuery}&X-Amz-Signature={signature}");
    }

    // RFC 3986 percent-encoding of everything but the unreserved characters, upper-case hex, as SigV4 requires.
    private static string Encode(string text)
    {
        var encoded = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static byte[] Hmac(byte[] key, string text) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
