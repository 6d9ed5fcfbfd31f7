using ChromoFarm.Domain;

namespace ChromoFarm.Karyograms;

/// <summary>One object to place: its size as drawn (upright, p arm up) and its centromere row, in source pixels.</summary>
/// <param name="Label">"1".."22", "X", "Y"; anything else (an artefact) goes after the sex chromosomes.</param>
internal sealed record LayoutItem(int Index, string Label, int Width, int Height, int CentromereRow);

/// <summary>Where an object lands in the picture, in picture pixels.</summary>
public sealed record Placement(int Index, string Label, int X, int Y, int Width, int Height);

/// <summary>A class's caption under its chromosomes.</summary>
internal sealed record Caption(string Text, int CenterX, int BaselineY);

internal sealed record KaryogramGeometry(int Width, int Height, IReadOnlyList<Placement> Placements, IReadOnlyList<Caption> Captions);

/// <summary>
/// The ISCN arrangement of a cell's chromosomes: rows of groups (<see cref="IscnLayout.Rows"/>), each class's
/// chromosomes side by side above its label, every chromosome of a row with its centromere on the row's line, all at
/// one scale so that sizes compare. Objects that are not chromosomes follow in a row of their own.
/// </summary>
internal static class KaryogramLayout
{
    public const string UnplacedCaption = "not placed";

    private const int Margin = 24;
    private const int BetweenHomologs = 6;
    private const int BetweenClasses = 18;
    private const int BetweenGroups = 40;
    private const int EmptySlot = 26;
    private const int CaptionHeight = 18;
    private const int BetweenRows = 20;

    /// <param name="top">Where the first row starts (below the title).</param>
    /// <param name="scale">Picture pixels per source pixel.</param>
    public static KaryogramGeometry Arrange(IReadOnlyList<LayoutItem> items, double scale, int top)
    {
        ArgumentNullException.ThrowIfNull(items);
        var placed = ChromosomeClass.All.ToDictionary(c => c.Label, c => items.Where(i => i.Label == c.Label).OrderBy(i => i.Index).ToList());
        var unplaced = items.Where(i => !ChromosomeClass.TryParse(i.Label, out _)).OrderBy(i => i.Index).ToList();

        var rows = IscnLayout.Rows.Select(groups => groups.Select(g => g.Labels.Select(label => placed[label]).ToList()).ToList()).ToList();
        var rowWidths = rows.Select(groups => RowWidth(groups, scale)).ToList();
        var unplacedWidth = unplaced.Count == 0 ? 0 : SlotWidth(unplaced, scale);
        var width = Math.Max(rowWidths.Max(), unplacedWidth) + (2 * Margin);

        var placements = new List<Placement>();
        var captions = new List<Caption>();
        var y = top;
        for (var r = 0; r < rows.Count; r++)
        {
            var all = rows[r].SelectMany(g => g).SelectMany(s => s).ToList();
            var above = all.Count == 0 ? EmptySlot : all.Max(i => Scaled(i.CentromereRow, scale));
            var below = all.Count == 0 ? EmptySlot : all.Max(i => Scaled(i.Height - i.CentromereRow, scale));
            var line = y + above;
            var x = (width - rowWidths[r]) / 2;
            for (var g = 0; g < rows[r].Count; g++)
            {
                var labels = IscnLayout.Rows[r][g].Labels;
                for (var s = 0; s < rows[r][g].Count; s++)
                {
                    var slot = rows[r][g][s];
                    var slotWidth = SlotWidth(slot, scale);
                    var cx = x + ((slotWidth - ContentWidth(slot, scale)) / 2);
                    foreach (var item in slot)
                    {
                        var w = Scaled(item.Width, scale);
                        placements.Add(new Placement(item.Index, item.Label, cx, line - Scaled(item.CentromereRow, scale), w, Scaled(item.Height, scale)));
                        cx += w + BetweenHomologs;
                    }

                    captions.Add(new Caption(labels[s], x + (slotWidth / 2), line + below + CaptionHeight - 4));
                    x += slotWidth + (s < rows[r][g].Count - 1 ? BetweenClasses : 0);
                }

                x += BetweenGroups;
            }

            y = line + below + CaptionHeight + BetweenRows;
        }

        if (unplaced.Count > 0)
        {
            var tallest = unplaced.Max(i => Scaled(i.Height, scale));
            var x = (width - unplacedWidth) / 2;
            foreach (var item in unplaced)
            {
                var w = Scaled(item.Width, scale);
                placements.Add(new Placement(item.Index, item.Label, x, y, w, Scaled(item.Height, scale)));
                x += w + BetweenHomologs;
            }

            captions.Add(new Caption(UnplacedCaption, width / 2, y + tallest + CaptionHeight - 4));
            y += tallest + CaptionHeight + BetweenRows;
        }

        return new KaryogramGeometry(width, y + Margin - BetweenRows, placements, captions);
    }

    private static int RowWidth(List<List<List<LayoutItem>>> groups, double scale) =>
        groups.Sum(slots => slots.Sum(s => SlotWidth(s, scale)) + (BetweenClasses * (slots.Count - 1))) + (BetweenGroups * (groups.Count - 1));

    private static int SlotWidth(List<LayoutItem> slot, double scale) => Math.Max(EmptySlot, ContentWidth(slot, scale));

    private static int ContentWidth(List<LayoutItem> slot, double scale) =>
        slot.Count == 0 ? 0 : slot.Sum(i => Scaled(i.Width, scale)) + (BetweenHomologs * (slot.Count - 1));

    private static int Scaled(int pixels, double scale) => Math.Max(1, (int)Math.Round(pixels * scale));
}
