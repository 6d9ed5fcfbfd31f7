using ChromoFarm.Tests;

namespace ChromoFarm.Native.Tests;

public class ImageDecodingTests
{
    // A 24x16 baseline grey JPEG of a left-to-right gradient (0 at x=0 to 255 at x=23),
    // encoded with libjpeg at quality 95 when this test was written; not from the shared data.
    private const string GradientJpeg =
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/" +
        "wAALCAAQABgBAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0Kx" +
        "wRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2" +
        "t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/APyZ/Y2/5dP+A1+sX7Gf/Lr/AMBr9Y/2Netp9Vr+Tr9jb/l0/wCA1+sX" +
        "7Gf/AC6/8Br9Y/2Netp9Vr//2Q==";

    [Theory]
    [InlineData("pki3/97002023.12/clase1_0_97002023.12.tiff")]
    [InlineData("pki3/97002023.12/clase23_1_97002023.12.tiff")]
    [InlineData("pki3/97002069.20/clase5_0_97002069.20.tiff")]
    public void Pki3_LZW_TIFF_decodes_to_the_size_in_its_header(string relative)
    {
        AssertDecodesToHeaderSize(SharedData.File(relative));
    }

    [Fact]
    public void Pki3_TIFF_decodes_to_23_by_116_as_file_reports()
    {
        using var image = GreyImage.Decode(SharedData.File("pki3/97002023.12/clase1_0_97002023.12.tiff"));

        Assert.Equal((23, 116), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("bioimlab/1/10a.bmp")]
    [InlineData("bioimlab/1/11a.bmp")]
    public void BioImLab_palette_BMP_decodes_to_the_size_in_its_header(string relative)
    {
        AssertDecodesToHeaderSize(SharedData.File(relative));
    }

    [Fact]
    public void BioImLab_palette_BMP_decodes_palette_indices_to_grey_levels_not_indices()
    {
        // The palette maps to grey; a decoder that returns raw indices would still give a
        // dark background, so check the image holds bright chromosome pixels too.
        using var image = GreyImage.Decode(SharedData.File("bioimlab/1/10a.bmp"));

        var pixels = image.CopyPixels();

        Assert.True(pixels.Max() > 100, $"brightest pixel is {pixels.Max()}");
        Assert.True(image.Measure().LightOnDark);
    }

    [Fact]
    public void MFish_PNG_decodes_to_644_by_516()
    {
        using var image = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));

        Assert.Equal((644, 516), (image.Width, image.Height));
    }

    [Fact]
    public void Baseline_JPEG_decodes_to_its_size_with_the_gradient_intact()
    {
        using var image = GreyImage.Decode(Convert.FromBase64String(GradientJpeg), sourceName: "gradient.jpg");

        Assert.Equal((24, 16), (image.Width, image.Height));
        var pixels = image.CopyPixels();
        var middleRow = pixels.AsSpan(8 * 24, 24);
        Assert.InRange(middleRow[0], 0, 12);
        Assert.InRange(middleRow[23], 243, 255);
        Assert.True(middleRow[0] < middleRow[12] && middleRow[12] < middleRow[23]);
    }

    [Fact]
    public void Decoding_from_memory_gives_the_same_pixels_as_decoding_the_file()
    {
        var path = SharedData.File("pki3/97002023.12/clase7_0_97002023.12.tiff");
        using var fromFile = GreyImage.Decode(path);
        using var fromMemory = GreyImage.Decode(File.ReadAllBytes(path), sourceName: path);

        Assert.Equal(fromFile.CopyPixels(), fromMemory.CopyPixels());
    }

    [Fact]
    public void Pixels_copied_in_come_back_out_unchanged()
    {
        var pixels = Enumerable.Range(0, 7 * 5).Select(i => (byte)(i * 7)).ToArray();

        using var image = GreyImage.FromPixels(pixels, 7, 5);

        Assert.Equal(pixels, image.CopyPixels());
    }

    [Fact]
    public void Pixels_with_a_row_stride_are_copied_without_the_padding()
    {
        // 3x2 image stored with a stride of 4: the 4th byte of each row is padding.
        byte[] padded = [1, 2, 3, 99, 4, 5, 6, 99];

        using var image = GreyImage.FromPixels(padded, width: 3, height: 2, stride: 4);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, image.CopyPixels());
    }

    [Fact]
    public void An_image_written_as_PNG_decodes_to_identical_pixels()
    {
        using var temp = new TempDirectory();
        using var original = GreyImage.Decode(SharedData.File("bioimlab/1/10a.bmp"));
        var path = temp.File("copy.png");

        original.WritePng(path);
        using var reread = GreyImage.Decode(path);

        Assert.Equal(original.CopyPixels(), reread.CopyPixels());
    }

    [Fact]
    public void A_PNG_written_to_memory_decodes_from_a_buffer()
    {
        using var temp = new TempDirectory();
        using var original = GreyImage.FromPixels(Enumerable.Range(0, 64).Select(i => (byte)(i * 4)).ToArray(), 8, 8);
        original.WritePng(temp.File("tile.png"));

        using var decoded = GreyImage.Decode(File.ReadAllBytes(temp.File("tile.png")), sourceName: "tile.png");

        Assert.Equal(original.CopyPixels(), decoded.CopyPixels());
    }

    [Fact]
    public void Writing_a_PNG_into_a_missing_folder_fails_with_an_IO_error_naming_the_path()
    {
        using var image = GreyImage.FromPixels(new byte[4], 2, 2);
        var path = Path.Combine(Path.GetTempPath(), "chromofarm-no-such-folder-" + Guid.NewGuid().ToString("N"), "x.png");

        var error = Assert.Throws<NativeException>(() => image.WritePng(path));

        Assert.Equal(NativeStatus.Io, error.Status);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_fails_with_an_IO_error_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "chromofarm-missing-" + Guid.NewGuid().ToString("N") + ".png");

        var error = Assert.Throws<NativeException>(() => GreyImage.Decode(path));

        Assert.Equal(NativeStatus.Io, error.Status);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_image_refuses_further_use()
    {
        var image = GreyImage.FromPixels(new byte[4], 2, 2);
        image.Dispose();

        Assert.Throws<ObjectDisposedException>(() => image.CopyPixels());
    }

    private static void AssertDecodesToHeaderSize(string path)
    {
        var expected = ImageHeader.ReadSize(path);

        using var image = GreyImage.Decode(path);

        Assert.Equal(expected, (image.Width, image.Height));
    }
}
