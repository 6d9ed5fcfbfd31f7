using ChromoFarm.Native.Interop;

namespace ChromoFarm.Native;

/// <summary>
/// The chromosome classifier held by the native core. <see cref="Predict(ClassifierBatch)"/>
/// returns one softmax row of <see cref="ModelConfig.NumClasses"/> probabilities per crop.
/// </summary>
/// <remarks>
/// A libtorch module must not run forward concurrently with itself (nor with a training step
/// or a save), so every call on one instance is serialised by an internal lock: sharing an
/// instance between threads is safe but not parallel. For parallel inference, load one
/// instance per thread.
/// </remarks>
public sealed class ChromosomeClassifier : IDisposable
{
    private readonly Lock _gate = new();

    private ChromosomeClassifier(ModelHandle handle)
    {
        Handle = handle;
        try
        {
            var config = Proxy.cf_model_get_config(handle);
            Config = new ModelConfig(config.Canvas, config.BaseWidth, config.BlocksPerStage, config.NumClasses);
            Device = (ComputeDevice)Proxy.cf_model_device(handle);
            IsTorchScript = Proxy.cf_model_is_torchscript(handle);
            ParameterCount = IsTorchScript ? null : Proxy.cf_model_parameter_count(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The shape the model was created with (or read from its file).</summary>
    public ModelConfig Config { get; }

    /// <summary>Where the parameters live: <see cref="ComputeDevice.Cpu"/> or <see cref="ComputeDevice.Cuda"/>, never Auto.</summary>
    public ComputeDevice Device { get; }

    /// <summary>Trainable parameters; null for a TorchScript module, whose parameters are opaque here.</summary>
    public long? ParameterCount { get; }

    /// <summary>
    /// A TorchScript module trained elsewhere (<see cref="LoadTorchScript"/>): forward only, so
    /// <see cref="Save"/> and <see cref="ClassifierTrainer.Create"/> refuse it. Its
    /// <see cref="Config"/> has BaseWidth = BlocksPerStage = 0.
    /// </summary>
    public bool IsTorchScript { get; }

    /// <summary>The number format <see cref="Predict(ClassifierBatch)"/> computes in; set with <see cref="SetInference"/>.</summary>
    public InferencePrecision Precision { get; private set; }

    /// <summary>Whether activations are laid out channels last (NHWC), which oneDNN convolves faster on CPU.</summary>
    public bool ChannelsLast { get; private set; }

    /// <summary>
    /// Sets how the network computes from now on. <see cref="InferencePrecision.Bf16"/> rounds the weights, which
    /// cannot be undone: the classifier is then for inference only (<see cref="Save"/> and training refuse it).
    /// </summary>
    /// <exception cref="NativeException">A TorchScript module (it computes as exported), or bf16 back to fp32.</exception>
    public void SetInference(InferencePrecision precision, bool channelsLast)
    {
        lock (_gate)
        {
            Proxy.cf_model_set_inference(Handle, precision, channelsLast);
            (Precision, ChannelsLast) = (precision, channelsLast);
        }
    }

    /// <summary>Free-form text saved inside the model file (the farm stores JSON: version, training data, metrics).</summary>
    public string Metadata
    {
        get
        {
            lock (_gate)
            {
                return Proxy.cf_model_get_metadata(Handle);
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                Proxy.cf_model_set_metadata(Handle, value);
            }
        }
    }

    internal ModelHandle Handle { get; }

    /// <summary>Serialises every native call that touches the module, the trainer's included.</summary>
    internal Lock Gate => _gate;

    /// <summary>A freshly initialised model.</summary>
    /// <param name="config">Its shape.</param>
    /// <param name="seed">Initialisation seed: the same seed gives the same weights.</param>
    /// <param name="device">Where to put it.</param>
    /// <exception cref="DeviceUnavailableException">CUDA asked for but not available.</exception>
    public static ChromosomeClassifier Create(ModelConfig config, ulong seed = 0, ComputeDevice device = ComputeDevice.Auto)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.Canvas, nameof(config));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.BaseWidth, nameof(config));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.BlocksPerStage, nameof(config));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.NumClasses, nameof(config));
        var native = new CfModelConfig
        {
            Canvas = config.Canvas,
            BaseWidth = config.BaseWidth,
            BlocksPerStage = config.BlocksPerStage,
            NumClasses = config.NumClasses,
        };
        return new ChromosomeClassifier(Proxy.cf_model_create(native, seed, (int)CheckedDevice(device)));
    }

    /// <summary>Loads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="ModelFileException">Missing, corrupt or not a ChromoFarm model; the message starts with the path.</exception>
    /// <exception cref="DeviceUnavailableException">CUDA asked for but not available.</exception>
    public static ChromosomeClassifier Load(string path, ComputeDevice device = ComputeDevice.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ChromosomeClassifier(Proxy.cf_model_load(path, (int)CheckedDevice(device)));
    }

    /// <summary>Loads a TorchScript module (torch.jit.save) for inference, e.g. one exported from Python.</summary>
    /// <exception cref="ModelFileException">Missing or not a loadable TorchScript file; the message starts with the path.</exception>
    /// <exception cref="DeviceUnavailableException">CUDA asked for but not available.</exception>
    public static ChromosomeClassifier LoadTorchScript(string path, TorchScriptInput input, ComputeDevice device = ComputeDevice.Auto)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(input);
        var native = new CfScriptOptions
        {
            Canvas = input.Canvas,
            Channels = input.Channels,
            SizeFeatures = input.SizeFeatures ? 1 : 0,
            OutputsProbabilities = input.OutputsProbabilities ? 1 : 0,
            NumClasses = input.NumClasses,
            Mean = input.Mean,
            Std = input.Std,
        };
        return new ChromosomeClassifier(Proxy.cf_model_load_torchscript(path, native, (int)CheckedDevice(device)));
    }

    /// <summary>Writes the weights, shape and metadata to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        lock (_gate)
        {
            Proxy.cf_model_save(Handle, path);
        }
    }

    /// <summary>Classifies the batch's crops: Count × NumClasses probabilities, row after row.</summary>
    public float[] Predict(ClassifierBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var probabilities = new float[checked(batch.Count * Config.NumClasses)];
        Predict(batch, probabilities);
        return probabilities;
    }

    /// <summary>
    /// Classifies the batch's crops into <paramref name="probabilities"/>, which must hold at
    /// least Count × NumClasses floats; rows beyond Count are left as they were.
    /// </summary>
    public void Predict(ClassifierBatch batch, Span<float> probabilities)
    {
        CheckBatch(batch);
        var needed = batch.Count * Config.NumClasses;
        if (probabilities.Length < needed)
        {
            throw new ArgumentException($"{batch.Count} crops need {needed} floats, got {probabilities.Length}", nameof(probabilities));
        }

        if (batch.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            Proxy.cf_model_forward(Handle, batch.FilledPixels, batch.FilledFeatures, batch.Count, probabilities[..needed]);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Handle.Dispose();

    internal void CheckBatch(ClassifierBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Canvas != Config.Canvas)
        {
            throw new ArgumentException($"batch canvas {batch.Canvas} differs from the model's input {Config.Canvas}", nameof(batch));
        }
    }

    private static ComputeDevice CheckedDevice(ComputeDevice device) =>
        Enum.IsDefined(device) ? device : throw new ArgumentOutOfRangeException(nameof(device), device, "unknown device");
}
