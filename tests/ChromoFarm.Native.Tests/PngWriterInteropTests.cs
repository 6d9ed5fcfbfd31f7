using ChromoFarm.Pictures;

namespace ChromoFarm.Native.Tests;

public class PngWriterInteropTests
{
    [Fact]
    public void A_png_written_by_the_report_code_decodes_with_opencv()
    {
        var canvas = new RgbCanvas(7, 5, Rgb.White);
        canvas.Fill(0, 0, 2, 2, Rgb.Black);
        var path = Path.Combine(Path.GetTempPath(), $"cf-png-{Guid.NewGuid():N}.png");
        try
        {
            PngWriter.Write(canvas, path);
            using var image = GreyImage.Decode(path);
            Assert.Equal((7, 5), (image.Width, image.Height));
            var pixels = image.CopyPixels();
            Assert.Equal(0, pixels[0]);
            Assert.Equal(255, pixels[^1]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
