using System.Text;

namespace ChromoFarm.Storage.Tests;

public sealed class QueryStringSignerTests
{
    [Fact]
    public void Signs_the_presigned_url_example_of_the_s3_documentation()
    {
        // "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", Amazon S3 API reference:
        // GET /test.txt of examplebucket, virtual-hosted, 24 h, with the documentation's example credentials.
        var url = QueryStringSigner.Sign(
            HttpMethod.Get,
            new Uri("https://examplebucket.s3.amazonaws.com"),
            "/test.txt",
            new Dictionary<string, string>(),
            "AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "us-east-1",
            new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero),
            86400);

        Assert.Equal(
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
            url.AbsoluteUri);
    }

    [Fact]
    public void Query_parameters_are_encoded_and_sorted_into_the_signed_url()
    {
        var url = QueryStringSigner.Sign(HttpMethod.Get, new Uri("http://127.0.0.1:9000"), "/bucket/",
            new Dictionary<string, string> { ["prefix"] = "objects/", ["max-keys"] = "2" }, "a", "b", "us-east-1", DateTimeOffset.UnixEpoch, 60);

        Assert.StartsWith("http://127.0.0.1:9000/bucket/?X-Amz-Algorithm=", url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("&max-keys=2&prefix=objects%2F&X-Amz-Signature=", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://s3.amazonaws.com/doc/2006-03-01/")]
    [InlineData("http://doc.s3.amazonaws.com/2006-03-01/")]
    public void A_listing_page_is_read_in_either_namespace(string ns)
    {
        var xml = $"""<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="{ns}"><IsTruncated>true</IsTruncated><Contents><Key>objects/a</Key></Contents><Contents><Key>objects/b</Key></Contents></ListBucketResult>""";

        var page = ListingPage.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

        Assert.Equal(["objects/a", "objects/b"], page.Keys);
        Assert.Equal("objects/b", page.NextMarker);
    }

    [Fact]
    public void The_servers_next_marker_is_followed_and_the_last_page_has_none()
    {
        var more = ListingPage.Parse(new MemoryStream("<ListBucketResult><IsTruncated>true</IsTruncated><NextMarker>objects/z</NextMarker><Contents><Key>objects/a</Key></Contents></ListBucketResult>"u8.ToArray()));
        var last = ListingPage.Parse(new MemoryStream("<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>objects/a</Key></Contents></ListBucketResult>"u8.ToArray()));

        Assert.Equal("objects/z", more.NextMarker);
        Assert.Null(last.NextMarker);
    }

    [Fact]
    public void An_error_document_is_not_taken_for_an_empty_listing()
    {
        var error = Assert.Throws<IOException>(() => ListingPage.Parse(new MemoryStream("<Error><Code>AccessDenied</Code></Error>"u8.ToArray())));
        Assert.Contains("<Error>", error.Message, StringComparison.Ordinal);
    }
}
