using System.Runtime.InteropServices;

namespace ChromoFarm.Native.Interop;

// Field-for-field mirrors of the structs in chromofarm.h. Order and widths are the ABI:
// change them only together with CF_ABI_VERSION.

[StructLayout(LayoutKind.Sequential)]
internal struct CfSegmentOptions
{
    public int Polarity;
    public int MinArea;
    public float MaxAreaFactor;
    public float ClusterAreaFactor;
    public int BackgroundRadius;
}

[StructLayout(LayoutKind.Sequential)]
internal struct CfInstance
{
    public int X;
    public int Y;
    public int Width;
    public int Height;
    public int Area;
    public float Length;
    public int NeedsReview;
}

[StructLayout(LayoutKind.Sequential)]
internal struct CfCropMeasure
{
    public float Length;
    public float Area;
    public int LightOnDark;
}

[StructLayout(LayoutKind.Sequential)]
internal struct CfPreprocessOptions
{
    public int Canvas;
    public float ReferenceLength;
    public int Augment;
    // 4 bytes of padding before the uint64_t, as the C compiler lays it out.
    public ulong Seed;
    public float MaxRotationDeg;
    public int Orient;
    public int Fit;
}

[StructLayout(LayoutKind.Sequential)]
internal struct CfScriptOptions
{
    public int Canvas;
    public int Channels;
    public int SizeFeatures;
    public int OutputsProbabilities;
    public int NumClasses;
    public float Mean;
    public float Std;
}

[StructLayout(LayoutKind.Sequential)]
internal struct CfModelConfig
{
    public int Canvas;
    public int BaseWidth;
    public int BlocksPerStage;
    public int NumClasses;
}

[StructLayout(LayoutKind.Sequential)]
internal struct CfTrainerOptions
{
    public float LearningRate;
    public float WeightDecay;
    public float LabelSmoothing;
}
