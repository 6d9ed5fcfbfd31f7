using System.Buffers.Binary;
using System.Text;

namespace ChromoFarm.Tests;

/// <summary>
/// Reads and forges image headers independently of the native core, so that decoded sizes
/// are checked against the file itself and the pixel limit can be probed with files that
/// declare huge sizes but hold no pixels at all.
/// </summary>
internal static class ImageHeader
{
    /// <summary>Width and height as declared by a TIFF, BMP or PNG header.</summary>
    public static (int Width, int Height) ReadSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith("II*\0"u8) || bytes.AsSpan().StartsWith("MM\0*"u8))
        {
            return TiffSize(bytes);
        }

        if (bytes.AsSpan().StartsWith("BM"u8))
        {
            return (BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(18)), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(22))));
        }

        if (bytes.AsSpan().StartsWith(PngSignature))
        {
            return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        }

        throw new InvalidDataException($"{path}: not a TIFF, BMP or PNG");
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static (int Width, int Height) TiffSize(byte[] bytes)
    {
        var little = bytes[0] == (byte)'I';
        uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
        ushort U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at));

        var ifd = (int)U32(4);
        int width = -1, height = -1;
        for (var i = 0; i < U16(ifd); i++)
        {
            var entry = ifd + 2 + (12 * i);
            var tag = U16(entry);
            var value = U16(entry + 2) == 3 ? U16(entry + 8) : (int)U32(entry + 8); // SHORT or LONG
            if (tag == 256)
            {
                width = value;
            }
            else if (tag == 257)
            {
                height = value;
            }
        }

        return (width, height);
    }

    /// <summary>A PNG signature and a valid IHDR declaring <paramref name="width"/> × <paramref name="height"/>, and nothing else.</summary>
    public static byte[] ForgedPng(int width, int height)
    {
        var ihdr = new byte[4 + 13];
        "IHDR"u8.CopyTo(ihdr);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(8), height);
        ihdr[12] = 8; // bit depth; colour type 0 (grey), compression, filter, interlace all 0
        var png = new List<byte>(PngSignature.ToArray());
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, 13);
        png.AddRange(length);
        png.AddRange(ihdr);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(ihdr));
        png.AddRange(crc);
        return [.. png];
    }

    /// <summary>A little-endian, uncompressed 8-bit grey TIFF header whose one strip lies beyond the end of the file.</summary>
    public static byte[] ForgedTiff(int width, int height)
    {
        (ushort Tag, ushort Type, uint Value)[] entries =
        [
            (256, 4, (uint)width), (257, 4, (uint)height), (258, 3, 8), (259, 3, 1), (262, 3, 1),
            (273, 4, 4096), (277, 3, 1), (278, 4, (uint)height), (279, 4, unchecked((uint)width * (uint)height)),
        ];
        var tiff = new byte[8 + 2 + (12 * entries.Length) + 4];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = 10 + (12 * i);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), 1);
            if (entries[i].Type == 3)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 8), (ushort)entries[i].Value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), entries[i].Value);
            }
        }

        return tiff;
    }

    /// <summary>An 8-bit palette BMP header and palette with no pixel rows.</summary>
    public static byte[] ForgedBmp(int width, int height)
    {
        const int PixelOffset = 14 + 40 + 1024;
        var bmp = new byte[PixelOffset];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(2), unchecked((uint)(PixelOffset + ((long)width * height))));
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), PixelOffset);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(28), 8);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(46), 256);
        for (var i = 0; i < 256; i++)
        {
            bmp[54 + (4 * i)] = bmp[55 + (4 * i)] = bmp[56 + (4 * i)] = (byte)i;
        }

        return bmp;
    }

    /// <summary>A text file's bytes, for "not an image at all".</summary>
    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
