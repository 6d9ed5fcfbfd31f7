using System.CommandLine;
using ChromoFarm.Native;
using ChromoFarm.Screening;

namespace ChromoFarm.Cli.Commands;

internal static class CommonOptions
{
    public static Option<FileInfo> Model() => new("--model")
    {
        Description = "Model file: a ChromoFarm .cfm, or a TorchScript file with its JSON sidecar (model.pt + model.json), or A.cfm,B.cfm for an ensemble that averages their probabilities; default: the shipped model, or $CHROMOFARM_MODEL",
    };

    /// <summary>`--model FILE|auto` for the commands that run the farm: auto sends each image to the shipped model of its stain.</summary>
    public static Option<string?> ModelOrAuto() => new("--model")
    {
        Description = "Model file (.cfm, or model.pt with its JSON sidecar), A.cfm,B.cfm for an ensemble, or auto: every shipped model that records its stain, each image to the model of its stain; default: the shipped G-band model, or $CHROMOFARM_MODEL",
    };

    public static Option<string> TestTimeAugmentation() => new("--tta")
    {
        Description = "Mirrored views of each crop averaged: none (one forward pass), flip (left-right, two) or flip4 (both mirrors and the half turn, four)",
        DefaultValueFactory = _ => "none",
    };

    public static Option<FileInfo?> Priors() => new("--priors")
    {
        Description = "Copy-number priors for the per-cell assignment (JSON from `chromofarm priors fit`); default: the shipped Pki-3 priors",
    };

    public static Option<ComputeDevice> Device(ComputeDevice fallback) => new("--device")
    {
        Description = "cpu, cuda or auto",
        DefaultValueFactory = _ => fallback,
    };

    public static Option<InferencePrecision> Precision() => new("--precision")
    {
        Description = "fp32, or bf16 (about twice as fast on CPUs with AMX or AVX-512-BF16; accuracy in docs/benchmarks.md)",
        DefaultValueFactory = _ => InferencePrecision.Fp32,
    };

    /// <summary>
    /// `--segmenter`: for the commands that analyse images, auto (learned for fluorescence, classical for brightfield G-band,
    /// each the better on its stain: docs/segmentation.md); for evaluate-segmentation, which scores one segmenter, learned.
    /// </summary>
    public static Option<string> Segmenter(bool perImage = true)
    {
        var option = new Option<string>("--segmenter")
        {
            Description = perImage
                ? "How whole spreads are cut into chromosomes: auto (the default: learned for fluorescence, classical for brightfield G-band), learned (the U-Net of --segmenter-model) or classical (thresholds and neck cuts)"
                : "The segmenter to score: learned (the U-Net of --segmenter-model, the default) or classical (thresholds and neck cuts)",
            DefaultValueFactory = _ => perImage ? "auto" : "learned",
        };
        option.AcceptOnlyFromAmong(perImage ? ["auto", "learned", "classical"] : ["learned", "classical"]);
        return option;
    }

    public static Option<FileInfo?> SegmenterModel() => new("--segmenter-model")
    {
        Description = "Network for --segmenter learned (default: models/segmenter.cfs beside the binary, or $CHROMOFARM_SEGMENTER_MODEL)",
    };

    /// <summary>The learned segmenter's network (for learned and auto), or null for the classical segmenter; the caller owns it.</summary>
    public static SegmentationNetwork? LoadSegmenter(string kind, FileInfo? model) =>
        kind is "learned" or "auto" ? SegmentationNetwork.Load(DefaultModel.ResolveSegmenter(model), ComputeDevice.Cpu) : null;

    /// <summary>`--stain G-band|Q-band|DAPI`, recorded in a model so that the farm refuses cells of another stain.</summary>
    public static Option<Stain> Stain(bool required = false)
    {
        var option = new Option<Stain>("--stain")
        {
            Description = "Stain of the training images: G-band, Q-band or DAPI (recorded in the model; the farm refuses cells of another stain)",
            Required = required,
            HelpName = "G-band|Q-band|DAPI",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (StainNames.Parse(text) is { } parsed and not (Screening.Stain.Fluorescence or Screening.Stain.Unknown))
                {
                    return parsed;
                }

                result.AddError($"--stain: '{text}' is not G-band, Q-band or DAPI");
                return Screening.Stain.Unknown;
            },
        };
        return option;
    }

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Threads for the native core (0: all cores)",
        DefaultValueFactory = _ => 0,
    };
}
