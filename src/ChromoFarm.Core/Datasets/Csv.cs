namespace ChromoFarm.Datasets;

/// <summary>Writing side of the CSV files ChromoFarm produces (RFC 4180).</summary>
public static class Csv
{
    /// <summary>The value as one field: quoted when it holds a separator, quote or line break (karyotypes hold commas).</summary>
    public static string Field(string? value) =>
        value is null ? string.Empty
        : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : value;
}
