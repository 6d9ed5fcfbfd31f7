using ChromoFarm.Domain;

namespace ChromoFarm.Karyograms;

/// <summary>
/// The ISCN karyogram: groups A–G by size and centromere position in four rows, sex chromosomes last, and each
/// class's typical centromere index (short arm over the whole length), which finds the centromere and the p arm.
/// </summary>
internal static class IscnLayout
{
    /// <summary>Rows of groups; each group is a run of classes drawn close together.</summary>
    public static readonly IReadOnlyList<IReadOnlyList<(string Group, string[] Labels)>> Rows =
    [
        [("A", ["1", "2", "3"]), ("B", ["4", "5"])],
        [("C", ["6", "7", "8", "9", "10", "11", "12"])],
        [("D", ["13", "14", "15"]), ("E", ["16", "17", "18"])],
        [("F", ["19", "20"]), ("G", ["21", "22"]), ("sex", ["X", "Y"])],
    ];

    // Typical p / (p + q) from ISCN ideograms: metacentric about 0.45–0.5, submetacentric 0.25–0.4, acrocentric
    // (13–15, 21, 22) under 0.2 with the satellite stalks counted.
    private static readonly double[] CentromereIndices =
    [
        0.49, 0.39, 0.47, 0.29, 0.29, 0.39, 0.39, 0.34, 0.35, 0.33, 0.40, 0.30,
        0.17, 0.18, 0.18, 0.43, 0.33, 0.30, 0.46, 0.45, 0.20, 0.22, 0.40, 0.28,
    ];

    /// <summary>The typical centromere index of a class; 0.4 for an object that is not one (an artefact).</summary>
    public static double CentromereIndex(string label) =>
        ChromosomeClass.TryParse(label, out var chromosome) ? CentromereIndices[chromosome.Index] : 0.4;
}
