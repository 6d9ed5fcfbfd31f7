namespace ChromoFarm.Reviewing;

/// <summary>A review step that cannot apply to the cell as it stands; the message says why in one line.</summary>
public sealed class InvalidReviewEditException(string message) : Exception(message);
