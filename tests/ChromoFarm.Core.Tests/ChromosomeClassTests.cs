using ChromoFarm.Domain;

namespace ChromoFarm.Core.Tests;

public class ChromosomeClassTests
{
    [Theory]
    [InlineData("1", 0)]
    [InlineData("22", 21)]
    [InlineData("X", 22)]
    [InlineData("y", 23)]
    [InlineData(" 7 ", 6)]
    public void Labels_parse_to_output_indices(string label, int index)
    {
        Assert.Equal(index, ChromosomeClass.Parse(label).Index);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("23")]
    [InlineData("Z")]
    [InlineData("")]
    [InlineData("-1")]
    public void Invalid_labels_are_refused(string label)
    {
        Assert.False(ChromosomeClass.TryParse(label, out _));
    }

    [Fact]
    public void Every_class_round_trips_through_its_label()
    {
        Assert.All(ChromosomeClass.All, c => Assert.Equal(c, ChromosomeClass.Parse(c.Label)));
    }
}
