using ChromoFarm.Tests;

namespace ChromoFarm.Native.Tests;

public class PixelLimitTests
{
    [Fact]
    public void An_image_over_the_pixel_limit_is_refused_as_too_large()
    {
        var path = SharedData.File("metaphase-mfish/0im.png");

        var error = Assert.Throws<ImageTooLargeException>(() => GreyImage.Decode(path, maxPixels: (644 * 516) - 1));

        Assert.Equal(NativeStatus.TooLarge, error.Status);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_exactly_at_the_pixel_limit_decodes()
    {
        using var image = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"), maxPixels: 644 * 516);

        Assert.Equal(644, image.Width);
    }

    [Fact]
    public void A_limit_of_zero_means_no_limit()
    {
        using var image = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"), maxPixels: 0);

        Assert.Equal(516, image.Height);
    }

    public static TheoryData<string> ForgedKinds => ["png", "tiff", "bmp"];

    // The forged files declare 60,000 x 60,000 (3.6 gigapixels) and contain no pixel data at
    // all: only a decoder that checks the header before decoding reports "too large" rather
    // than "corrupt" (or tries to allocate 3.6 GB).
    [Theory]
    [MemberData(nameof(ForgedKinds))]
    public void A_huge_declared_size_is_refused_from_the_header_before_decoding(string kind)
    {
        var bytes = Forged(kind, 60_000, 60_000);

        Assert.Throws<ImageTooLargeException>(() => GreyImage.Decode(bytes, sourceName: "forged." + kind));
    }

    [Theory]
    [MemberData(nameof(ForgedKinds))]
    public void A_huge_declared_size_in_a_file_is_refused_naming_the_file(string kind)
    {
        using var temp = new TempDirectory();
        var path = temp.File("forged." + kind);
        File.WriteAllBytes(path, Forged(kind, 60_000, 60_000));

        var error = Assert.Throws<ImageTooLargeException>(() => GreyImage.Decode(path));

        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Forged(string kind, int width, int height) => kind switch
    {
        "png" => ImageHeader.ForgedPng(width, height),
        "tiff" => ImageHeader.ForgedTiff(width, height),
        "bmp" => ImageHeader.ForgedBmp(width, height),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
