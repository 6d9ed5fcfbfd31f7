using System.Runtime.InteropServices;
using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native.Tests;

/// <summary>
/// The mirrors must match chromofarm.h byte for byte. Expected sizes and offsets were printed
/// by a C program compiled against the header (gcc, x86-64).
/// </summary>
public class StructLayoutTests
{
    [Theory]
    [InlineData(typeof(CfSegmentOptions), 20)]
    [InlineData(typeof(CfInstance), 28)]
    [InlineData(typeof(CfCropMeasure), 12)]
    [InlineData(typeof(CfPreprocessOptions), 40)]
    [InlineData(typeof(CfScriptOptions), 28)]
    [InlineData(typeof(CfModelConfig), 16)]
    [InlineData(typeof(CfTrainerOptions), 12)]
    public void Struct_mirrors_have_the_C_size(Type mirror, int size)
    {
        Assert.Equal(size, Marshal.SizeOf(mirror));
    }

    [Theory]
    [InlineData(typeof(CfPreprocessOptions), nameof(CfPreprocessOptions.Seed), 16)]
    [InlineData(typeof(CfPreprocessOptions), nameof(CfPreprocessOptions.MaxRotationDeg), 24)]
    [InlineData(typeof(CfPreprocessOptions), nameof(CfPreprocessOptions.Orient), 28)]
    [InlineData(typeof(CfPreprocessOptions), nameof(CfPreprocessOptions.Fit), 32)]
    [InlineData(typeof(CfScriptOptions), nameof(CfScriptOptions.Std), 24)]
    [InlineData(typeof(CfInstance), nameof(CfInstance.Length), 20)]
    [InlineData(typeof(CfInstance), nameof(CfInstance.NeedsReview), 24)]
    [InlineData(typeof(CfSegmentOptions), nameof(CfSegmentOptions.BackgroundRadius), 16)]
    public void Struct_fields_sit_at_the_C_offsets(Type mirror, string field, int offset)
    {
        Assert.Equal(offset, (int)Marshal.OffsetOf(mirror, field));
    }
}
