using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native.Tests;

public class StatusMappingTests
{
    [Theory]
    [InlineData(NativeStatus.Decode, typeof(ImageDecodeException))]
    [InlineData(NativeStatus.TooLarge, typeof(ImageTooLargeException))]
    [InlineData(NativeStatus.Model, typeof(ModelFileException))]
    [InlineData(NativeStatus.Device, typeof(DeviceUnavailableException))]
    [InlineData(NativeStatus.Io, typeof(NativeException))]
    [InlineData(NativeStatus.InvalidArgument, typeof(NativeException))]
    [InlineData(NativeStatus.Internal, typeof(NativeException))]
    public void Each_status_becomes_its_exception_type_carrying_the_status(NativeStatus status, Type expected)
    {
        var error = Proxy.Failure(status, "reason", "cf_something", null);

        Assert.IsType(expected, error);
        Assert.Equal(status, error.Status);
    }

    [Fact]
    public void The_message_is_source_then_native_reason()
    {
        var error = Proxy.Failure(NativeStatus.Decode, "not a supported image", "cf_image_decode_file", "cells/17.tiff");

        Assert.Equal("cells/17.tiff: not a supported image", error.Message);
    }

    [Fact]
    public void A_failure_without_a_native_message_names_the_function_and_status()
    {
        var error = Proxy.Failure(NativeStatus.Internal, "", "cf_model_forward", null);

        Assert.Equal("cf_model_forward failed with status Internal", error.Message);
    }

    [Fact]
    public void A_native_reason_that_starts_with_the_quoted_source_does_not_repeat_it()
    {
        var error = Proxy.Failure(NativeStatus.Decode, "'a.png': not a decodable image", "cf_image_decode_file", "a.png");

        Assert.Equal("a.png: not a decodable image", error.Message);
        Assert.Equal("a.png", error.SourceName);
    }
}
