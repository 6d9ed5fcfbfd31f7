using System.Buffers;
using System.Runtime.InteropServices;

namespace ChromoFarm.Native.Interop;

/// <summary>
/// The checked layer over <see cref="NativeMethods"/>: one method per C function that pins
/// its buffers for the duration of the call, turns a non-OK status into a typed exception
/// carrying cf_last_error() (read at once, on the calling thread, before anything else can
/// overwrite it) and hands back SafeHandles. Public types call only this.
/// </summary>
internal static unsafe class Proxy
{
    private static volatile bool s_abiChecked;

    /// <summary>
    /// Loads the library (through the resolver) and refuses to go on when its ABI differs.
    /// Cheap after the first success; re-checked on every call until then.
    /// </summary>
    internal static void EnsureReady()
    {
        if (s_abiChecked)
        {
            return;
        }

        CheckAbi(NativeMethods.cf_abi_version());
        s_abiChecked = true;
    }

    internal static void CheckAbi(int actual)
    {
        if (actual != NativeMethods.ExpectedAbiVersion)
        {
            throw new NativeAbiMismatchException(
                NativeMethods.ExpectedAbiVersion, actual, NativeLibraryResolver.LoadedFrom ?? NativeLibraryResolver.FileName);
        }
    }

    /// <summary>Throws the exception for <paramref name="status"/> unless it is OK.</summary>
    /// <param name="status">What the C function returned.</param>
    /// <param name="function">The C function, named in the message when the core gave none.</param>
    /// <param name="source">The file or source the call concerned; prefixes the message.</param>
    internal static void Check(NativeStatus status, string function, string? source = null)
    {
        if (status != NativeStatus.Ok)
        {
            throw Failure(status, LastError(), function, source);
        }
    }

    internal static NativeException Failure(NativeStatus status, string? nativeMessage, string function, string? source)
    {
        var reason = string.IsNullOrWhiteSpace(nativeMessage) ? $"{function} failed with status {status}" : nativeMessage;
        if (source is not null)
        {
            // The core often starts with "'<path>': "; the prefix below already says it.
            var quoted = $"'{source}': ";
            if (reason.StartsWith(quoted, StringComparison.Ordinal) && reason.Length > quoted.Length)
            {
                reason = reason[quoted.Length..];
            }
        }

        var message = source is null ? reason : $"{source}: {reason}";
        NativeException error = status switch
        {
            NativeStatus.Decode => new ImageDecodeException(message),
            NativeStatus.TooLarge => new ImageTooLargeException(message),
            NativeStatus.Model => new ModelFileException(message),
            NativeStatus.Device => new DeviceUnavailableException(message),
            _ => new NativeException(status, message),
        };
        error.SourceName = source;
        return error;
    }

    private static string? LastError() => Marshal.PtrToStringUTF8(NativeMethods.cf_last_error());

    /// <summary>Checks a create call and starts counting the handle it filled.</summary>
    private static T Created<T>(NativeStatus status, T handle, string function, string? source = null)
        where T : NativeHandle
    {
        // Read the message before Dispose, which calls into the library.
        var message = status == NativeStatus.Ok ? null : LastError();
        if (!handle.IsInvalid)
        {
            handle.MarkCreated();
        }

        if (status != NativeStatus.Ok)
        {
            handle.Dispose();
            throw Failure(status, message, function, source);
        }

        if (handle.IsInvalid)
        {
            throw new NativeException(NativeStatus.Internal, $"{function} reported success but returned no object");
        }

        return handle;
    }

    // ---- library ----

    internal static int cf_abi_version() => NativeMethods.cf_abi_version();

    internal static string cf_build_info()
    {
        EnsureReady();
        return Marshal.PtrToStringUTF8(NativeMethods.cf_build_info()) ?? string.Empty;
    }

    internal static bool cf_cuda_available()
    {
        EnsureReady();
        return NativeMethods.cf_cuda_available() != 0;
    }

    internal static void cf_set_num_threads(int threads)
    {
        EnsureReady();
        Check(NativeMethods.cf_set_num_threads(threads), nameof(cf_set_num_threads));
    }

    // ---- images ----

    internal static ImageHandle cf_image_decode_file(string path, long maxPixels)
    {
        EnsureReady();
        var status = NativeMethods.cf_image_decode_file(path, maxPixels, out var image);
        return Created(status, image, nameof(cf_image_decode_file), path);
    }

    internal static ImageHandle cf_image_decode_buffer(ReadOnlySpan<byte> data, long maxPixels, string? source)
    {
        EnsureReady();
        fixed (byte* pointer = data)
        {
            var status = NativeMethods.cf_image_decode_buffer(pointer, (nuint)data.Length, maxPixels, out var image);
            return Created(status, image, nameof(cf_image_decode_buffer), source);
        }
    }

    internal static ImageHandle cf_image_from_pixels(ReadOnlySpan<byte> pixels, int width, int height, int stride)
    {
        EnsureReady();
        fixed (byte* pointer = pixels)
        {
            var status = NativeMethods.cf_image_from_pixels(pointer, width, height, stride, out var image);
            return Created(status, image, nameof(cf_image_from_pixels));
        }
    }

    internal static (int Width, int Height) cf_image_size(ImageHandle image)
    {
        Check(NativeMethods.cf_image_size(image, out var width, out var height), nameof(cf_image_size));
        return (width, height);
    }

    internal static void cf_image_copy_pixels(ImageHandle image, Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            Check(NativeMethods.cf_image_copy_pixels(image, pointer, (nuint)buffer.Length), nameof(cf_image_copy_pixels));
        }
    }

    internal static void cf_image_write_png(ImageHandle image, string path) =>
        Check(NativeMethods.cf_image_write_png(image, path), nameof(cf_image_write_png), path);

    /// <summary>One call with a buffer of CF_PNG_BOUND bytes, which always suffices.</summary>
    internal static byte[] cf_image_encode_png(ImageHandle image, int width, int height)
    {
        var buffer = new byte[checked((height * (width + 1L) * 101 / 100) + 4096)];
        nuint required;
        fixed (byte* pointer = buffer)
        {
            Check(NativeMethods.cf_image_encode_png(image, pointer, (nuint)buffer.Length, out required), nameof(cf_image_encode_png));
        }

        return buffer.AsSpan(0, checked((int)required)).ToArray();
    }

    internal static ImageHandle cf_image_upright(ImageHandle crop, int margin)
    {
        var status = NativeMethods.cf_image_upright(crop, margin, out var upright);
        return Created(status, upright, nameof(cf_image_upright));
    }

    // ---- segmentation ----

    internal static SegmentationHandle cf_segment(ImageHandle image, in CfSegmentOptions options)
    {
        EnsureReady();
        var status = NativeMethods.cf_segment(image, options, out var segmentation);
        return Created(status, segmentation, nameof(cf_segment));
    }

    internal static int cf_segmentation_count(SegmentationHandle segmentation)
    {
        Check(NativeMethods.cf_segmentation_count(segmentation, out var count), nameof(cf_segmentation_count));
        return count;
    }

    internal static CfInstance cf_segmentation_instance(SegmentationHandle segmentation, int index)
    {
        Check(NativeMethods.cf_segmentation_instance(segmentation, index, out var instance), nameof(cf_segmentation_instance));
        return instance;
    }

    internal static void cf_segmentation_mask(SegmentationHandle segmentation, int index, Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            Check(
                NativeMethods.cf_segmentation_mask(segmentation, index, pointer, (nuint)buffer.Length),
                nameof(cf_segmentation_mask));
        }
    }

    internal static ImageHandle cf_segmentation_crop(SegmentationHandle segmentation, int index, int margin)
    {
        var status = NativeMethods.cf_segmentation_crop(segmentation, index, margin, out var crop);
        return Created(status, crop, nameof(cf_segmentation_crop));
    }

    // ---- the learned segmenter ----

    internal static SegmentNetHandle cf_segment_net_create(int width, ulong seed, int device)
    {
        EnsureReady();
        var status = NativeMethods.cf_segment_net_create(width, seed, device, out var net);
        return Created(status, net, nameof(cf_segment_net_create));
    }

    internal static SegmentNetHandle cf_segment_net_load(string path, int device)
    {
        EnsureReady();
        var status = NativeMethods.cf_segment_net_load(path, device, out var net);
        return Created(status, net, nameof(cf_segment_net_load), path);
    }

    internal static void cf_segment_net_save(SegmentNetHandle net, string path) =>
        Check(NativeMethods.cf_segment_net_save(net, path), nameof(cf_segment_net_save), path);

    internal static void cf_segment_net_set_metadata(SegmentNetHandle net, string metadata) =>
        Check(NativeMethods.cf_segment_net_set_metadata(net, metadata), nameof(cf_segment_net_set_metadata));

    internal static string cf_segment_net_get_metadata(SegmentNetHandle net) =>
        ReadText((buffer, length) => (NativeMethods.cf_segment_net_get_metadata(net, buffer, length, out var required), required),
            nameof(cf_segment_net_get_metadata));

    internal static void cf_segment_net_input(ImageHandle image, int polarity, Span<float> buffer)
    {
        fixed (float* pointer = buffer)
        {
            Check(NativeMethods.cf_segment_net_input(image, polarity, pointer, (nuint)buffer.Length), nameof(cf_segment_net_input));
        }
    }

    internal static float cf_segment_net_step(
        SegmentNetHandle net, ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int count, int size, float learningRate,
        ReadOnlySpan<float> classWeights)
    {
        fixed (float* inInputs = inputs)
        fixed (byte* inTargets = targets)
        fixed (float* weights = classWeights)
        {
            // An empty span pins to NULL: no class weights.
            Check(
                NativeMethods.cf_segment_net_step(net, inInputs, inTargets, count, size, learningRate, weights, out var loss),
                nameof(cf_segment_net_step));
            return loss;
        }
    }

    internal static SegmentationHandle cf_segment_learned(ImageHandle image, SegmentNetHandle net, in CfSegmentOptions options)
    {
        EnsureReady();
        var status = NativeMethods.cf_segment_learned(image, net, options, out var segmentation);
        return Created(status, segmentation, nameof(cf_segment_learned));
    }

    // ---- crops ----

    internal static CfCropMeasure cf_crop_measure_image(ImageHandle crop)
    {
        Check(NativeMethods.cf_crop_measure_image(crop, out var measure), nameof(cf_crop_measure_image));
        return measure;
    }

    /// <summary>
    /// Preprocesses <paramref name="count"/> crops, the handle of crop i given by
    /// <paramref name="handleAt"/>(state, i) (a static lambda, so no closure is allocated per
    /// batch). Every handle is referenced for the call so none can be destroyed under it.
    /// </summary>
    internal static void cf_preprocess<TState>(
        TState state,
        int count,
        Func<TState, int, ImageHandle> handleAt,
        ReadOnlySpan<float> referenceLength,
        ReadOnlySpan<float> referenceArea,
        in CfPreprocessOptions options,
        Span<float> pixels,
        Span<float> features)
    {
        EnsureReady();
        var rented = count > 256 ? ArrayPool<nint>.Shared.Rent(count) : null;
        Span<nint> pointers = rented is not null ? rented : stackalloc nint[count];
        var handles = ArrayPool<ImageHandle?>.Shared.Rent(count);
        var referenced = 0;
        try
        {
            for (; referenced < count; referenced++)
            {
                var handle = handleAt(state, referenced);
                var added = false;
                handle.DangerousAddRef(ref added);
                handles[referenced] = handle;
                pointers[referenced] = handle.DangerousGetHandle();
            }

            fixed (nint* crops = pointers)
            fixed (float* lengths = referenceLength)
            fixed (float* areas = referenceArea)
            fixed (float* outPixels = pixels)
            fixed (float* outFeatures = features)
            {
                Check(
                    NativeMethods.cf_preprocess(
                        crops, lengths, areas, count, options, outPixels, (nuint)pixels.Length, outFeatures, (nuint)features.Length),
                    nameof(cf_preprocess));
            }
        }
        finally
        {
            for (var i = 0; i < referenced; i++)
            {
                handles[i]!.DangerousRelease();
                handles[i] = null;
            }

            ArrayPool<ImageHandle?>.Shared.Return(handles);
            if (rented is not null)
            {
                ArrayPool<nint>.Shared.Return(rented);
            }
        }
    }

    // ---- classifier ----

    internal static ModelHandle cf_model_create(in CfModelConfig config, ulong seed, int device)
    {
        EnsureReady();
        var status = NativeMethods.cf_model_create(config, seed, device, out var model);
        return Created(status, model, nameof(cf_model_create));
    }

    internal static ModelHandle cf_model_load(string path, int device)
    {
        EnsureReady();
        var status = NativeMethods.cf_model_load(path, device, out var model);
        return Created(status, model, nameof(cf_model_load), path);
    }

    internal static ModelHandle cf_model_load_torchscript(string path, in CfScriptOptions options, int device)
    {
        EnsureReady();
        var status = NativeMethods.cf_model_load_torchscript(path, options, device, out var model);
        return Created(status, model, nameof(cf_model_load_torchscript), path);
    }

    internal static bool cf_model_is_torchscript(ModelHandle model)
    {
        Check(NativeMethods.cf_model_is_torchscript(model, out var isTorchScript), nameof(cf_model_is_torchscript));
        return isTorchScript != 0;
    }

    internal static void cf_model_save(ModelHandle model, string path) =>
        Check(NativeMethods.cf_model_save(model, path), nameof(cf_model_save), path);

    internal static CfModelConfig cf_model_get_config(ModelHandle model)
    {
        Check(NativeMethods.cf_model_get_config(model, out var config), nameof(cf_model_get_config));
        return config;
    }

    internal static int cf_model_device(ModelHandle model)
    {
        Check(NativeMethods.cf_model_device(model, out var device), nameof(cf_model_device));
        return device;
    }

    internal static long cf_model_parameter_count(ModelHandle model)
    {
        Check(NativeMethods.cf_model_parameter_count(model, out var count), nameof(cf_model_parameter_count));
        return count;
    }

    internal static void cf_model_set_metadata(ModelHandle model, string metadata) =>
        Check(NativeMethods.cf_model_set_metadata(model, metadata), nameof(cf_model_set_metadata));

    internal static string cf_model_get_metadata(ModelHandle model) =>
        ReadText((buffer, length) => (NativeMethods.cf_model_get_metadata(model, buffer, length, out var required), required),
            nameof(cf_model_get_metadata));

    /// <summary>Reads a string through a C function that reports the bytes it needs (NUL included).</summary>
    private static string ReadText(TextReader read, string function)
    {
        // First ask for the size; the call reports it even when the buffer is too small.
        var (status, required) = read(null, 0);
        if (status != NativeStatus.Ok && (status != NativeStatus.InvalidArgument || required == 0))
        {
            Check(status, function);
        }

        while (true)
        {
            var buffer = new byte[checked((int)required)];
            fixed (byte* pointer = buffer)
            {
                (status, required) = read(pointer, (nuint)buffer.Length);
            }

            if (status == NativeStatus.Ok)
            {
                // required counts the terminating NUL.
                return System.Text.Encoding.UTF8.GetString(buffer, 0, Math.Max(0, (int)required - 1));
            }

            // Another thread may have grown the text between the two calls: retry with the new size.
            if (status != NativeStatus.InvalidArgument || required <= (nuint)buffer.Length)
            {
                Check(status, function);
            }
        }
    }

    private delegate (NativeStatus Status, nuint Required) TextReader(byte* buffer, nuint length);

    internal static void cf_model_set_inference(ModelHandle model, InferencePrecision precision, bool channelsLast) =>
        Check(NativeMethods.cf_model_set_inference(model, (int)precision, channelsLast ? 1 : 0), nameof(cf_model_set_inference));

    internal static void cf_model_forward(
        ModelHandle model, ReadOnlySpan<float> pixels, ReadOnlySpan<float> features, int count, Span<float> probabilities)
    {
        fixed (float* inPixels = pixels)
        fixed (float* inFeatures = features)
        fixed (float* output = probabilities)
        {
            Check(
                NativeMethods.cf_model_forward(model, inPixels, inFeatures, count, output, (nuint)probabilities.Length),
                nameof(cf_model_forward));
        }
    }

    // ---- training ----

    internal static TrainerHandle cf_trainer_create(ModelHandle model, in CfTrainerOptions options)
    {
        EnsureReady();

        // Reference the model before the trainer exists, so no window remains in which the
        // model could be destroyed while a trainer points at it.
        var added = false;
        model.DangerousAddRef(ref added);
        try
        {
            var status = NativeMethods.cf_trainer_create(model, options, out var trainer);
            var created = Created(status, trainer, nameof(cf_trainer_create));
            created.AdoptModelReference(model);
            added = false;
            return created;
        }
        finally
        {
            if (added)
            {
                model.DangerousRelease();
            }
        }
    }

    internal static void cf_trainer_set_learning_rate(TrainerHandle trainer, float learningRate) =>
        Check(NativeMethods.cf_trainer_set_learning_rate(trainer, learningRate), nameof(cf_trainer_set_learning_rate));

    internal static void cf_trainer_save_state(TrainerHandle trainer, string path) =>
        Check(NativeMethods.cf_trainer_save_state(trainer, path), nameof(cf_trainer_save_state), path);

    internal static void cf_trainer_load_state(TrainerHandle trainer, string path) =>
        Check(NativeMethods.cf_trainer_load_state(trainer, path), nameof(cf_trainer_load_state), path);

    internal static (float Loss, int Correct) cf_trainer_step(
        TrainerHandle trainer,
        ReadOnlySpan<float> pixels,
        ReadOnlySpan<float> features,
        ReadOnlySpan<long> labels,
        int count,
        ReadOnlySpan<float> classWeights)
    {
        fixed (float* inPixels = pixels)
        fixed (float* inFeatures = features)
        fixed (long* inLabels = labels)
        fixed (float* weights = classWeights)
        {
            // An empty span pins to NULL, which the C side reads as "no class weights".
            Check(
                NativeMethods.cf_trainer_step(trainer, inPixels, inFeatures, inLabels, count, weights, out var loss, out var correct),
                nameof(cf_trainer_step));
            return (loss, correct);
        }
    }
}
