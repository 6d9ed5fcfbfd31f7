using System.Runtime.InteropServices;

namespace ChromoFarm.Native.Interop;

/// <summary>
/// Raw imports of src/native/include/chromofarm.h, named exactly like the C functions.
/// Nothing here checks a status: <see cref="Proxy"/> does that.
/// </summary>
internal static unsafe partial class NativeMethods
{
    internal const string LibraryName = "chromofarm_native";

    /// <summary>The CF_ABI_VERSION this binding was written against.</summary>
    internal const int ExpectedAbiVersion = 5;

    internal const int NumClasses = 24;
    internal const int NumSizeFeatures = 2;

    // An explicit static constructor runs before the first import is called, so the
    // resolver is in place before the runtime looks for the library.
#pragma warning disable CA1810 // no fields are initialised here; the constructor exists for its ordering guarantee
    static NativeMethods() => NativeLibraryResolver.Register(typeof(NativeMethods).Assembly);
#pragma warning restore CA1810

    // ---- library ----

    [LibraryImport(LibraryName)]
    internal static partial int cf_abi_version();

    // const char* owned by the library: returned as a pointer so no marshaller frees it.
    [LibraryImport(LibraryName)]
    internal static partial nint cf_last_error();

    [LibraryImport(LibraryName)]
    internal static partial nint cf_build_info();

    [LibraryImport(LibraryName)]
    internal static partial int cf_cuda_available();

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_set_num_threads(int threads);

    // ---- images ----

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_image_decode_file(string path, long maxPixels, out ImageHandle image);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_image_decode_buffer(byte* data, nuint length, long maxPixels, out ImageHandle image);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_image_from_pixels(byte* pixels, int width, int height, int stride, out ImageHandle image);

    [LibraryImport(LibraryName)]
    internal static partial void cf_image_destroy(nint image);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_image_size(ImageHandle image, out int width, out int height);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_image_copy_pixels(ImageHandle image, byte* buffer, nuint length);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_image_write_png(ImageHandle image, string path);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_image_encode_png(ImageHandle image, byte* buffer, nuint length, out nuint required);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_image_upright(ImageHandle crop, int margin, out ImageHandle upright);

    // ---- segmentation ----

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_segment(ImageHandle image, in CfSegmentOptions options, out SegmentationHandle segmentation);

    [LibraryImport(LibraryName)]
    internal static partial void cf_segmentation_destroy(nint segmentation);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_segmentation_count(SegmentationHandle segmentation, out int count);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_segmentation_instance(SegmentationHandle segmentation, int index, out CfInstance instance);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_segmentation_mask(SegmentationHandle segmentation, int index, byte* buffer, nuint length);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_segmentation_crop(SegmentationHandle segmentation, int index, int margin, out ImageHandle crop);

    // ---- the learned segmenter ----

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_segment_net_create(int width, ulong seed, int device, out SegmentNetHandle net);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_segment_net_load(string path, int device, out SegmentNetHandle net);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_segment_net_save(SegmentNetHandle net, string path);

    [LibraryImport(LibraryName)]
    internal static partial void cf_segment_net_destroy(nint net);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_segment_net_set_metadata(SegmentNetHandle net, string metadata);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_segment_net_get_metadata(SegmentNetHandle net, byte* buffer, nuint length, out nuint required);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_segment_net_input(ImageHandle image, int polarity, float* buffer, nuint length);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_segment_net_step(
        SegmentNetHandle net, float* inputs, byte* targets, int n, int size, float learningRate, float* classWeights, out float loss);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_segment_learned(
        ImageHandle image, SegmentNetHandle net, in CfSegmentOptions options, out SegmentationHandle segmentation);

    // ---- crops ----

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_crop_measure_image(ImageHandle crop, out CfCropMeasure measure);

    // crops is a const cf_image* const*: raw pointers whose handles the caller keeps referenced for the call.
    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_preprocess(
        nint* crops, float* referenceLength, float* referenceArea, int n, in CfPreprocessOptions options,
        float* outPixels, nuint pixelsLength, float* outFeatures, nuint featuresLength);

    // ---- classifier ----

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_model_create(in CfModelConfig config, ulong seed, int device, out ModelHandle model);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_model_load(string path, int device, out ModelHandle model);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_model_load_torchscript(string path, in CfScriptOptions options, int device, out ModelHandle model);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_model_is_torchscript(ModelHandle model, out int isTorchScript);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_model_save(ModelHandle model, string path);

    [LibraryImport(LibraryName)]
    internal static partial void cf_model_destroy(nint model);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_model_get_config(ModelHandle model, out CfModelConfig config);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_model_device(ModelHandle model, out int device);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_model_parameter_count(ModelHandle model, out long count);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_model_set_metadata(ModelHandle model, string metadata);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_model_get_metadata(ModelHandle model, byte* buffer, nuint length, out nuint required);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_model_set_inference(ModelHandle model, int precision, int channelsLast);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_model_forward(
        ModelHandle model, float* pixels, float* features, int n, float* outProbabilities, nuint probabilitiesLength);

    // ---- training ----

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_trainer_create(ModelHandle model, in CfTrainerOptions options, out TrainerHandle trainer);

    [LibraryImport(LibraryName)]
    internal static partial void cf_trainer_destroy(nint trainer);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_trainer_set_learning_rate(TrainerHandle trainer, float learningRate);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_trainer_save_state(TrainerHandle trainer, string path);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NativeStatus cf_trainer_load_state(TrainerHandle trainer, string path);

    [LibraryImport(LibraryName)]
    internal static partial NativeStatus cf_trainer_step(
        TrainerHandle trainer, float* pixels, float* features, long* labels, int n, float* classWeights,
        out float loss, out int correct);
}
