namespace ChromoFarm.Screening;

/// <summary>One object a segmenter found in a spread, as the screen sees it.</summary>
/// <param name="Length">Long side of its minimum-area rectangle, px.</param>
public readonly record struct SpreadObject(int X, int Y, int Width, int Height, int Area, float Length);
