namespace ChromoFarm.Api.Tests;

public sealed class NaturalOrderTests
{
    [Fact]
    public void Numbers_inside_names_sort_by_value()
    {
        string[] names = ["LAB-0042.10", "LAB-0042.2", "LAB-0042.1", "97002023.12", "97002023.9", "b", "a10", "a9", "a09"];

        var sorted = names.Order(NaturalOrder.Instance).ToArray();

        Assert.Equal(["97002023.9", "97002023.12", "LAB-0042.1", "LAB-0042.2", "LAB-0042.10", "a09", "a9", "a10", "b"], sorted);
    }
}
