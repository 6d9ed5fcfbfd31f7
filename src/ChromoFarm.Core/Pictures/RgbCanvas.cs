namespace ChromoFarm.Pictures;

/// <summary>An 8-bit RGB picture in memory, for the reports and karyograms people look at.</summary>
/// <remarks>No imaging library is obtainable here, so the few drawing primitives the reports need live here.</remarks>
public sealed class RgbCanvas
{
    private readonly byte[] pixels;

    public RgbCanvas(int width, int height, Rgb background)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        pixels = new byte[checked(width * height * 3)];
        Fill(0, 0, width, height, background);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major RGB bytes.</summary>
    public ReadOnlySpan<byte> Pixels => pixels;

    public Rgb this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * 3;
            return new Rgb(pixels[i], pixels[i + 1], pixels[i + 2]);
        }
    }

    public void Set(int x, int y, Rgb color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            return;
        }

        var i = ((y * Width) + x) * 3;
        pixels[i] = color.R;
        pixels[i + 1] = color.G;
        pixels[i + 2] = color.B;
    }

    /// <summary>Fills a rectangle, clipped to the canvas.</summary>
    public void Fill(int x, int y, int width, int height, Rgb color)
    {
        for (var row = Math.Max(0, y); row < Math.Min(Height, y + height); row++)
        {
            for (var column = Math.Max(0, x); column < Math.Min(Width, x + width); column++)
            {
                Set(column, row, color);
            }
        }
    }

    /// <summary>Draws text in the built-in 5×7 font, <paramref name="scale"/> px per font dot.</summary>
    public void DrawText(string text, int x, int y, Rgb color, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var ch in text)
        {
            var glyph = BitmapFont.Glyph(ch);
            for (var row = 0; row < BitmapFont.Height; row++)
            {
                for (var column = 0; column < BitmapFont.Width; column++)
                {
                    if ((glyph[row] & (1 << (BitmapFont.Width - 1 - column))) != 0)
                    {
                        Fill(x + (column * scale), y + (row * scale), scale, scale, color);
                    }
                }
            }

            x += BitmapFont.Advance * scale;
        }
    }

    public static int TextWidth(string text, int scale = 1) =>
        text is null || text.Length == 0 ? 0 : ((text.Length * BitmapFont.Advance) - 1) * scale;
}

public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb White { get; } = new(255, 255, 255);

    public static Rgb Black { get; } = new(0, 0, 0);

    /// <summary>Linear blend: t = 0 gives <paramref name="from"/>, t = 1 gives <paramref name="to"/>.</summary>
    public static Rgb Lerp(Rgb from, Rgb to, double t)
    {
        t = Math.Clamp(t, 0, 1);
        return new Rgb(Mix(from.R, to.R, t), Mix(from.G, to.G, t), Mix(from.B, to.B, t));
    }

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + ((b - a) * t));
}
