using ChromoFarm.Datasets;

namespace ChromoFarm.Core.Tests;

public class CsvTests
{
    [Theory]
    [InlineData("46,XY", "\"46,XY\"")]
    [InlineData("plain", "plain")]
    [InlineData("a \"b\"", "\"a \"\"b\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(null, "")]
    public void Fields_are_quoted_only_when_they_must_be(string? value, string expected)
    {
        Assert.Equal(expected, Csv.Field(value));
    }
}
