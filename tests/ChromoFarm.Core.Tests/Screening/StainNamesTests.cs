using ChromoFarm.Screening;

namespace ChromoFarm.Core.Tests.Screening;

public class StainNamesTests
{
    [Theory]
    [InlineData("G-band", Stain.GBand)]
    [InlineData("gband", Stain.GBand)]
    [InlineData("GTG", Stain.GBand)]
    [InlineData(" Q-band ", Stain.QBand)]
    [InlineData("dapi", Stain.Dapi)]
    [InlineData("Fluorescence", Stain.Fluorescence)]
    public void Names_parse_in_any_case_with_or_without_the_hyphen(string text, Stain expected) =>
        Assert.Equal(expected, StainNames.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("giemsa-ish")]
    public void Text_that_names_no_stain_is_null(string? text) => Assert.Null(StainNames.Parse(text));

    [Fact]
    public void Every_stain_survives_its_name()
    {
        foreach (var stain in Enum.GetValues<Stain>())
        {
            Assert.Equal(stain, StainNames.Parse(stain.Name()));
        }
    }

    [Theory]
    [InlineData(Stain.GBand, Stain.GBand, true)]
    [InlineData(Stain.GBand, Stain.QBand, false)]
    [InlineData(Stain.GBand, Stain.Dapi, false)]
    [InlineData(Stain.Fluorescence, Stain.QBand, true)]
    [InlineData(Stain.Fluorescence, Stain.Dapi, true)]
    [InlineData(Stain.Fluorescence, Stain.GBand, false)]
    [InlineData(Stain.Unknown, Stain.GBand, true)] // nothing measured: nothing to refuse on
    [InlineData(Stain.GBand, Stain.Unknown, true)] // a model that records no stain: the screen cannot check
    public void A_measured_stain_fits_the_models_of_its_kind(Stain measured, Stain model, bool fits) =>
        Assert.Equal(fits, measured.Fits(model));

    [Fact]
    public void A_crop_set_takes_the_stain_most_of_its_crops_show()
    {
        Assert.Equal(Stain.GBand, StainRule.Majority([Stain.GBand, Stain.Fluorescence, Stain.GBand, Stain.Unknown, Stain.Unknown]));
        Assert.Equal(Stain.Unknown, StainRule.Majority([Stain.Unknown]));
    }
}
