using System.Text.Json;

namespace ChromoFarm.Worker.Tests;

/// <summary>Images for the input gate, made in the test: noise and blanks drawn here, real spreads read from the shared data.</summary>
internal static class GateImages
{
    /// <summary>Gaussian grey noise (mean 128, sd 40), 800×600, as a BMP file's bytes.</summary>
    public static byte[] Noise(int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[800 * 600];
        for (var i = 0; i < pixels.Length; i++)
        {
            // Box–Muller: two uniforms give one normal deviate.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            pixels[i] = (byte)Math.Clamp(128 + 40 * normal, 0, 255);
        }

        return Bmp(pixels, 800, 600);
    }

    public static byte[] Blank(byte value) => Bmp(Enumerable.Repeat(value, 800 * 600).ToArray(), 800, 600);

    /// <summary>A BioImLab Q-band spread: the image its labelme file embeds (base64 imageData).</summary>
    public static byte[] BioImLab(string name)
    {
        using var labelme = JsonDocument.Parse(File.ReadAllBytes(SharedData.File($"metaphase-bioimlab/{name}.json")));
        return Convert.FromBase64String(labelme.RootElement.GetProperty("imageData").GetString()!);
    }

    /// <summary>An M-FISH spread's DAPI channel, read in place.</summary>
    public static byte[] MFish(int spread) => File.ReadAllBytes(SharedData.File($"metaphase-mfish/{spread}im.png"));

    // 8-bit palette BMP, bottom-up rows padded to 4 bytes.
    private static byte[] Bmp(byte[] pixels, int width, int height)
    {
        var row = (width + 3) / 4 * 4;
        const int offset = 14 + 40 + 1024;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            writer.Write((byte)'B');
            writer.Write((byte)'M');
            writer.Write(offset + row * height);
            writer.Write(0);
            writer.Write(offset);
            writer.Write(40);
            writer.Write(width);
            writer.Write(height);
            writer.Write((short)1);
            writer.Write((short)8);
            writer.Write(0);
            writer.Write(row * height);
            writer.Write(2835);
            writer.Write(2835);
            writer.Write(256);
            writer.Write(0);
            for (var v = 0; v < 256; v++)
            {
                writer.Write((byte)v);
                writer.Write((byte)v);
                writer.Write((byte)v);
                writer.Write((byte)0);
            }

            for (var y = height - 1; y >= 0; y--)
            {
                writer.Write(pixels, y * width, width);
                writer.Write(new byte[row - width]);
            }
        }

        return stream.ToArray();
    }
}
