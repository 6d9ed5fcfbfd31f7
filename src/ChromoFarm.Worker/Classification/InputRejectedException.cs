namespace ChromoFarm.Worker.Classification;

/// <summary>The screen refused a cell's input (not a metaphase, wrong stain, out of the model's distribution); the message names the file and the reason.</summary>
public sealed class InputRejectedException(string message) : Exception(message);
