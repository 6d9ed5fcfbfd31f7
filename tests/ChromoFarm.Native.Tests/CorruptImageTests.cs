using ChromoFarm.Tests;

namespace ChromoFarm.Native.Tests;

public class CorruptImageTests
{
    public static TheoryData<string> CorruptKinds => ["truncated.png", "random.tif", "empty.png", "notes.txt"];

    [Theory]
    [MemberData(nameof(CorruptKinds))]
    public void A_corrupt_file_fails_with_a_decode_error_naming_the_file(string name)
    {
        using var temp = new TempDirectory();
        var path = temp.File(name);
        File.WriteAllBytes(path, CorruptBytes(name));

        var error = Assert.Throws<ImageDecodeException>(() => GreyImage.Decode(path));

        Assert.Equal(NativeStatus.Decode, error.Status);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length > path.Length + 2, "the message gives a reason after the file name");
    }

    [Theory]
    [MemberData(nameof(CorruptKinds))]
    public void Corrupt_bytes_in_memory_fail_with_a_decode_error_naming_the_source(string name)
    {
        var error = Assert.Throws<ImageDecodeException>(() => GreyImage.Decode(CorruptBytes(name), sourceName: "objects/" + name));

        Assert.StartsWith("objects/" + name + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decoding_keeps_working_after_corrupt_files()
    {
        using var temp = new TempDirectory();
        foreach (var name in CorruptKinds)
        {
            var path = temp.File(name);
            File.WriteAllBytes(path, CorruptBytes(name));
            Assert.Throws<ImageDecodeException>(() => GreyImage.Decode(path));
        }

        using var image = GreyImage.Decode(SharedData.File("metaphase-mfish/0im.png"));

        Assert.Equal((644, 516), (image.Width, image.Height));
    }

    [Fact]
    public void The_error_message_of_one_failure_does_not_leak_into_the_next()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("first.png"), CorruptBytes("truncated.png"));
        File.WriteAllBytes(temp.File("second.txt"), CorruptBytes("notes.txt"));

        Assert.Throws<ImageDecodeException>(() => GreyImage.Decode(temp.File("first.png")));
        var second = Assert.Throws<ImageDecodeException>(() => GreyImage.Decode(temp.File("second.txt")));

        Assert.DoesNotContain("first.png", second.Message, StringComparison.Ordinal);
    }

    private static byte[] CorruptBytes(string name) => name switch
    {
        // The signature and IHDR survive, the image data is cut off.
        "truncated.png" => File.ReadAllBytes(SharedData.File("metaphase-mfish/0im.png"))[..2000],
        "random.tif" => RandomBytes(4096),
        "empty.png" => [],
        "notes.txt" => ImageHeader.Text("path,patient,cell,label,split\nnot/an/image.tiff,1,1,21,train\n"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(20240611).NextBytes(bytes);
        return bytes;
    }
}
