namespace ChromoFarm.Api;

/// <summary>One page of a selection, with the selection's size, so that a client can show "51–100 of 2,340".</summary>
/// <param name="Next">The offset of the next page; null on the last.</param>
public sealed record Page<T>(int Total, int Offset, int Limit, int? Next, IReadOnlyList<T> Items);
