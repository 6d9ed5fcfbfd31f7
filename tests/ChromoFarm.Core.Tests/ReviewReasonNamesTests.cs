using ChromoFarm.Karyotyping;

namespace ChromoFarm.Core.Tests;

public class ReviewReasonNamesTests
{
    [Fact]
    public void No_reason_is_written_as_an_empty_string()
    {
        Assert.Equal("", ReviewReasonNames.Format(ReviewReasons.None));
        Assert.Equal(ReviewReasons.None, ReviewReasonNames.Parse(""));
    }

    [Fact]
    public void Combined_reasons_are_written_in_a_fixed_order_whatever_the_order_they_were_combined_in()
    {
        Assert.Equal(
            "low_confidence_chromosomes;abnormal_count",
            ReviewReasonNames.Format(ReviewReasons.AbnormalCount | ReviewReasons.LowConfidenceChromosomes));
        var all = ReviewReasons.SegmentationReview | ReviewReasons.AmbiguousCall | ReviewReasons.AbnormalKaryotype
            | ReviewReasons.AbnormalCount | ReviewReasons.LowConfidenceChromosomes;
        Assert.Equal(
            "low_confidence_chromosomes;abnormal_count;abnormal_karyotype;ambiguous_call;segmentation_review",
            ReviewReasonNames.Format(all));
    }

    [Fact]
    public void Every_combination_of_reasons_survives_format_and_parse()
    {
        for (var flags = 0; flags < 64; flags++)
        {
            var reasons = (ReviewReasons)flags;
            Assert.Equal(reasons, ReviewReasonNames.Parse(ReviewReasonNames.Format(reasons)));
        }
    }

    [Fact]
    public void Parse_ignores_spaces_and_the_order_of_names()
    {
        Assert.Equal(ReviewReasons.AmbiguousCall | ReviewReasons.AbnormalCount, ReviewReasonNames.Parse(" ambiguous_call ; abnormal_count "));
    }

    [Theory]
    [InlineData("tired_reviewer")]
    [InlineData("abnormal_count;AbnormalKaryotype")]
    public void An_unknown_name_is_a_format_error(string text)
    {
        Assert.Throws<FormatException>(() => ReviewReasonNames.Parse(text));
    }
}
