using System.Xml;
using System.Xml.Linq;

namespace ChromoFarm.Storage;

/// <summary>One page of a ListObjects answer, read by element names whatever XML namespace the server writes.</summary>
/// <param name="NextMarker">Where the next page starts (the server's NextMarker, else the page's last key); null on the last page.</param>
internal sealed record ListingPage(IReadOnlyList<string> Keys, string? NextMarker)
{
    /// <exception cref="IOException">Not a listing.</exception>
    public static ListingPage Parse(Stream xml)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(xml);
        }
        catch (XmlException error)
        {
            throw new IOException($"the object store's listing is not XML: {error.Message}", error);
        }

        var root = document.Root;
        if (root?.Name.LocalName != "ListBucketResult")
        {
            throw new IOException($"the object store answered a listing with <{root?.Name.LocalName}>, not <ListBucketResult>");
        }

        string? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        var keys = root.Elements().Where(e => e.Name.LocalName == "Contents").Select(c => Child(c, "Key")).OfType<string>().ToArray();
        var truncated = string.Equals(Child(root, "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
        // Without a delimiter servers need not send NextMarker: the last key is where the next page starts.
        var next = Child(root, "NextMarker") is { Length: > 0 } given ? given : keys.LastOrDefault();
        return new ListingPage(keys, truncated ? next : null);
    }
}
