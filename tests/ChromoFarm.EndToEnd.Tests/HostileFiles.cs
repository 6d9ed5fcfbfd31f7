using System.Buffers.Binary;
using ChromoFarm.Native;
using ChromoFarm.Tests;
using SkiaSharp;

namespace ChromoFarm.EndToEnd.Tests;

/// <summary>
/// Bad files made in the test from the shared data: truncated and bit-flipped images of every format the farm reads,
/// forged sizes, 16-bit and colour TIFFs, an empty file, text named .png. Nothing derived from the data is kept.
/// </summary>
internal static class HostileFiles
{
    /// <summary>Writes the corpus into <paramref name="folder"/>; returns the file names.</summary>
    public static IReadOnlyList<string> Write(string folder)
    {
        var random = new Random(21);
        var png = File.ReadAllBytes(SharedData.File("metaphase-mfish/3im.png"));
        var tiff = File.ReadAllBytes(Directory.EnumerateFiles(SharedData.Directory("pki3/97002023.12"), "*.tiff").Order(StringComparer.Ordinal).First());
        var bmp = File.ReadAllBytes(Directory.EnumerateFiles(SharedData.Directory("bioimlab"), "*.bmp", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First());
        using var spread = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));
        var pixels = spread.CopyPixels();
        var jpeg = Jpeg(pixels, spread.Width, spread.Height);

        var files = new Dictionary<string, byte[]>
        {
            ["truncated.png"] = png[..(png.Length * 2 / 5)],
            ["flipped.png"] = Flipped(png, 33, random),
            ["forged-size.png"] = ImageHeader.ForgedPng(70_000, 70_000),
            ["truncated.tiff"] = tiff[..(tiff.Length / 2)],
            ["flipped.tiff"] = Flipped(tiff, 8, random),
            ["truncated.jpg"] = jpeg[..(jpeg.Length / 2)],
            ["flipped.jpg"] = Flipped(jpeg, 2, random),
            ["truncated.bmp"] = bmp[..(bmp.Length / 3)],
            ["forged-size.bmp"] = ImageHeader.ForgedBmp(90_000, 90_000),
            ["grey16.tiff"] = Tiff(pixels, spread.Width, spread.Height, bits: 16, samples: 1),
            ["colour.tiff"] = Tiff(pixels, spread.Width, spread.Height, bits: 8, samples: 3),
            ["empty.png"] = [],
            ["notes.png"] = "This is a lab note, not an image.\n"u8.ToArray(),
        };
        foreach (var (name, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        return [.. files.Keys];
    }

    // Random bytes changed after the first `keep` bytes (the signature stays, so the decoder goes past it).
    private static byte[] Flipped(byte[] source, int keep, Random random)
    {
        var copy = (byte[])source.Clone();
        for (var i = 0; i < 64; i++)
        {
            copy[random.Next(keep, copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    private static byte[] Jpeg(byte[] pixels, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    // A baseline uncompressed TIFF (little-endian), one strip: 16-bit grey scales each value by 257.
    private static byte[] Tiff(byte[] grey, int width, int height, int bits, int samples)
    {
        var bytesPerSample = bits / 8;
        var image = new byte[width * height * samples * bytesPerSample];
        for (var i = 0; i < grey.Length; i++)
        {
            for (var s = 0; s < samples; s++)
            {
                var at = ((i * samples) + s) * bytesPerSample;
                if (bits == 16)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(at), (ushort)(grey[i] * 257));
                }
                else
                {
                    image[at] = grey[i];
                }
            }
        }

        const int Entries = 9;
        var ifdOffset = 8;
        var bitsOffset = ifdOffset + 2 + (Entries * 12) + 4;
        var dataOffset = bitsOffset + 8;
        var file = new byte[dataOffset + image.Length];
        "II*\0"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(4), ifdOffset);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(ifdOffset), Entries);
        var entry = ifdOffset + 2;
        void Tag(ushort tag, ushort type, int count, int value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(entry), tag);
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(entry + 2), type);
            BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(entry + 4), count);
            if (type == 3 && count == 1)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(entry + 8), (ushort)value);
            }
            else
            {
                BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(entry + 8), value);
            }

            entry += 12;
        }

        Tag(256, 4, 1, width);                                          // ImageWidth
        Tag(257, 4, 1, height);                                         // ImageLength
        Tag(258, 3, samples, samples == 1 ? bits : bitsOffset);         // BitsPerSample
        Tag(259, 3, 1, 1);                                              // Compression: none
        Tag(262, 3, 1, samples == 1 ? 1 : 2);                           // Photometric: black is zero / RGB
        Tag(273, 4, 1, dataOffset);                                     // StripOffsets
        Tag(277, 3, 1, samples);                                        // SamplesPerPixel
        Tag(278, 4, 1, height);                                         // RowsPerStrip
        Tag(279, 4, 1, image.Length);                                   // StripByteCounts
        for (var s = 0; s < 3; s++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(bitsOffset + (2 * s)), (ushort)bits);
        }

        image.CopyTo(file, dataOffset);
        return file;
    }
}
