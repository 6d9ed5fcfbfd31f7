namespace ChromoFarm.Worker.Classification;

/// <summary>
/// Views of each crop classified and averaged. Training mirrors crops both ways, so the mirrored
/// views are as familiar to the network as the crop itself; each view costs one more forward pass.
/// </summary>
public enum TestTimeAugmentation
{
    /// <summary>The crop as preprocessed: one forward pass.</summary>
    None,

    /// <summary>The crop and its left-right mirror: two passes.</summary>
    Flip,

    /// <summary>The crop, both mirrors and the half turn: four passes.</summary>
    Flip4,
}

public static class TestTimeAugmentations
{
    /// <summary>(left-right, top-bottom) mirrors applied to the original crop for each view.</summary>
    public static IReadOnlyList<(bool LeftRight, bool TopBottom)> Views(this TestTimeAugmentation augmentation) => augmentation switch
    {
        TestTimeAugmentation.None => [(false, false)],
        TestTimeAugmentation.Flip => [(false, false), (true, false)],
        TestTimeAugmentation.Flip4 => [(false, false), (true, false), (false, true), (true, true)],
        _ => throw new ArgumentOutOfRangeException(nameof(augmentation), augmentation, "unknown test-time augmentation"),
    };

    /// <summary>Parses a setting or option value: none, flip or flip4 (any case).</summary>
    public static TestTimeAugmentation Parse(string value, string source) => value.ToUpperInvariant() switch
    {
        "NONE" => TestTimeAugmentation.None,
        "FLIP" => TestTimeAugmentation.Flip,
        "FLIP4" => TestTimeAugmentation.Flip4,
        _ => throw new ArgumentException($"{source}: unknown test-time augmentation '{value}' (none, flip, flip4)"),
    };
}
