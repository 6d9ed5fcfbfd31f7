using System.Globalization;
using ChromoFarm.Domain;

namespace ChromoFarm.Karyotyping;

/// <summary>The karyotype of one case (patient), combined from the calls of its cells.</summary>
public sealed record CaseKaryotype
{
    // Summed confidences closer than this count as equal, so that the order of addition cannot decide a tie.
    private const int ConfidenceDecimals = 9;

    private CaseKaryotype()
    {
    }

    /// <summary>The most frequent call; see <see cref="Combine"/> for ties.</summary>
    public required Karyotype Consensus { get; init; }

    /// <summary>Cells per distinct call, most frequent first; the first is the consensus.</summary>
    public required IReadOnlyList<CallTally> Calls { get; init; }

    public required int TotalCells { get; init; }

    /// <summary>Minority calls that recur often enough to be a second cell line, largest first.</summary>
    public required IReadOnlyList<CallTally> Clones { get; init; }

    /// <summary>Minority calls too rare to be a clone: most likely preparation or classification artefacts.</summary>
    public required IReadOnlyList<CallTally> SingleCellFindings { get; init; }

    /// <summary>Plain-words reasons for the consensus, each clone and each single-cell finding.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public bool IsMosaic => Clones.Count > 0;

    /// <summary>
    /// The consensus notation, or when mosaic the ISCN mosaic form, e.g. "mos 47,XX,+21[3]/46,XX[17]": abnormal lines
    /// by cell count, the normal line last, cell counts in brackets. Single-cell findings are left out, as in ISCN.
    /// </summary>
    public string Notation => IsMosaic
        ? "mos " + string.Join('/', Clones.Prepend(Calls[0])
            .OrderBy(line => line.Karyotype.IsNormal)
            .ThenByDescending(line => line.Cells)
            .Select(line => string.Create(CultureInfo.InvariantCulture, $"{line.Notation}[{line.Cells}]")))
        : Consensus.Notation;

    /// <summary>Combines the calls of one case's cells.</summary>
    /// <exception cref="ArgumentException">No cells, a cell listed twice, or a confidence outside [0, 1].</exception>
    public static CaseKaryotype Combine(IEnumerable<CellCall> cells, MosaicismRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        rules ??= MosaicismRules.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.MinCellsForGain, 1, nameof(rules));
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.MinCellsForLoss, 1, nameof(rules));
        var list = Validated(cells);

        // Ties on cell count go to the call the classifier trusted more; if that ties too, to the normal call:
        // reporting an abnormality needs support from the cells, and a recurring abnormal line still shows as a clone.
        // The notation is a last, arbitrary but stable, key.
        var calls = list
            .GroupBy(cell => cell.Karyotype)
            .Select(group => new CallTally(group.Key, group.Count(), group.Sum(cell => cell.Confidence)))
            .OrderByDescending(tally => tally.Cells)
            .ThenByDescending(tally => Math.Round(tally.SummedConfidence, ConfidenceDecimals))
            .ThenByDescending(tally => tally.Karyotype.IsNormal)
            .ThenBy(tally => tally.Notation, StringComparer.Ordinal)
            .ToArray();

        var consensus = calls[0];
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Consensus {consensus.Notation}: {consensus.Cells} of {list.Count} cells."),
        };
        notes.AddRange(TieNotes(calls));

        var clones = new List<CallTally>();
        var singles = new List<CallTally>();
        foreach (var minority in calls.Skip(1))
        {
            var gain = HasGain(minority.Karyotype, consensus.Karyotype);

            // A call with both a gain and a loss shares the gain across its cells, so the gain's threshold applies.
            var needed = gain ? rules.MinCellsForGain : rules.MinCellsForLoss;
            var change = gain ? "a gain" : "a loss";
            var cellsWord = minority.Cells == 1 ? "cell" : "cells";
            if (minority.Cells >= needed)
            {
                clones.Add(minority);
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Clone {minority.Notation} in {minority.Cells} {cellsWord}: {change} against the consensus in at least {needed} cells is a second cell line (mosaicism)."));
            }
            else
            {
                singles.Add(minority);
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Single-cell finding {minority.Notation} in {minority.Cells} {cellsWord}: {change} against the consensus needs {needed} cells to be a clone; likely an artefact."));
            }
        }

        return new CaseKaryotype
        {
            Consensus = consensus.Karyotype,
            Calls = calls,
            TotalCells = list.Count,
            Clones = clones,
            SingleCellFindings = singles,
            Notes = notes,
        };
    }

    private static List<CellCall> Validated(IEnumerable<CellCall> cells)
    {
        var list = cells.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A case needs at least one cell call.", nameof(cells));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in list)
        {
            ArgumentNullException.ThrowIfNull(cell, nameof(cells));
            ArgumentNullException.ThrowIfNull(cell.Karyotype, nameof(cells));
            if (!ids.Add(cell.CellId))
            {
                throw new ArgumentException($"Cell '{cell.CellId}' is listed more than once.", nameof(cells));
            }

            if (!(cell.Confidence is >= 0 and <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(cells), cell.Confidence, $"Cell '{cell.CellId}' has a confidence outside [0, 1].");
            }
        }

        return list;
    }

    private static IEnumerable<string> TieNotes(CallTally[] calls)
    {
        var tied = calls.TakeWhile(tally => tally.Cells == calls[0].Cells).ToArray();
        if (tied.Length < 2)
        {
            yield break;
        }

        var names = string.Join(", ", tied.Select(tally => tally.Notation));
        var first = Math.Round(tied[0].SummedConfidence, ConfidenceDecimals);
        var second = Math.Round(tied[1].SummedConfidence, ConfidenceDecimals);
        yield return first > second
            ? string.Create(CultureInfo.InvariantCulture,
                $"Tie at {tied[0].Cells} cells between {names}: {tied[0].Notation} has the higher summed confidence ({first:0.##} against {second:0.##}).")
            : tied[0].Karyotype.IsNormal && !tied[1].Karyotype.IsNormal
                ? $"Tie at {tied[0].Cells} cells and equal confidence between {names}: the normal call is taken as consensus."
                : $"Tie at {tied[0].Cells} cells and equal confidence between {names}: {tied[0].Notation} taken by notation order.";
    }

    // A gain is any class with more copies than in the consensus; an extra sex chromosome (47,XXY against 46,XY) is one.
    private static bool HasGain(Karyotype call, Karyotype consensus) =>
        ChromosomeClass.All.Any(chromosome => call.CopiesOf(chromosome) > consensus.CopiesOf(chromosome));
}
