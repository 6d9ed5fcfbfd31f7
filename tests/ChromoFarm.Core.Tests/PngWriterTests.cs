using System.Buffers.Binary;
using System.IO.Compression;
using ChromoFarm.Pictures;

namespace ChromoFarm.Core.Tests;

public class PngWriterTests
{
    [Fact]
    public void The_png_holds_the_canvas_pixels_in_valid_chunks()
    {
        var canvas = new RgbCanvas(3, 2, Rgb.White);
        canvas.Set(1, 0, new Rgb(10, 20, 30));
        canvas.Set(2, 1, Rgb.Black);
        using var stream = new MemoryStream();

        PngWriter.Write(canvas, stream);

        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        var chunks = Chunks(bytes[8..]);
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data.AsSpan(4)));
        // The IEND chunk's CRC is the same in every PNG.
        Assert.Equal(0xAE426082u, chunks[2].Crc);

        using var zlib = new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        Assert.Equal(
            new byte[] { 0, 255, 255, 255, 10, 20, 30, 255, 255, 255, 0, 255, 255, 255, 255, 255, 255, 0, 0, 0 },
            raw.ToArray());
    }

    [Fact]
    public void Text_is_drawn_in_the_built_in_font()
    {
        var canvas = new RgbCanvas(20, 10, Rgb.White);
        canvas.DrawText("1", 0, 0, Rgb.Black);
        // The "1" glyph's stem is its middle column, rows 0..6.
        Assert.Equal(Rgb.Black, canvas[2, 3]);
        Assert.Equal(Rgb.White, canvas[4, 3]);
        Assert.Equal(11, RgbCanvas.TextWidth("XY"));
    }

    private static List<(string Type, byte[] Data, uint Crc)> Chunks(byte[] bytes)
    {
        var chunks = new List<(string, byte[], uint)>();
        for (var offset = 0; offset < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 8 + length));
            Assert.Equal(crc, PngWriter.Crc32(PngWriter.Crc32(0xFFFFFFFFu, bytes.AsSpan(offset + 4, 4)), data) ^ 0xFFFFFFFFu);
            chunks.Add((type, data, crc));
            offset += 12 + length;
        }

        return chunks;
    }
}
