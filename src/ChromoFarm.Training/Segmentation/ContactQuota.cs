namespace ChromoFarm.Training.Segmentation;

/// <summary>
/// Decides, chromosome by chromosome, whether the next one is laid apart or against a partner, so that
/// the finished spread has the requested numbers of touching and overlapping chromosomes.
/// </summary>
/// <remarks>
/// Contact is counted on both sides: laying a chromosome against one that was apart adds two to the
/// count, against one already in that kind of contact adds one. The quota therefore prefers partners that
/// are apart while two or more are missing, and spreads the contacts over the placements at random.
/// </remarks>
internal sealed class ContactQuota
{
    private readonly int wantTouching;
    private readonly int wantOverlapping;
    private readonly ChromosomeContact?[] status;
    private readonly List<int> placed = [];

    public ContactQuota(int count, double touchingRate, double overlapRate)
    {
        wantTouching = (int)Math.Round(touchingRate * count, MidpointRounding.AwayFromZero);
        wantOverlapping = Math.Min((int)Math.Round(overlapRate * count, MidpointRounding.AwayFromZero), count - wantTouching);
        status = new ChromosomeContact?[count];
    }

    /// <summary>The next chromosome's contact and its candidate partners, best first (empty when apart).</summary>
    /// <param name="remaining">Chromosomes still to place, this one included.</param>
    public (ChromosomeContact Kind, IReadOnlyList<int> Partners) Next(int remaining, Random random)
    {
        var missingTouching = Math.Max(0, wantTouching - Count(ChromosomeContact.Touching));
        var missingOverlapping = Math.Max(0, wantOverlapping - Count(ChromosomeContact.Overlapping));
        if (placed.Count == 0 || missingTouching + missingOverlapping == 0)
        {
            return (ChromosomeContact.None, []);
        }

        // Placements still needed if every one finds a partner that is apart.
        var needed = ((missingTouching + 1) / 2) + ((missingOverlapping + 1) / 2);
        var forced = needed >= remaining;
        if (!forced && random.NextDouble() >= (double)needed / remaining)
        {
            return (ChromosomeContact.None, []);
        }

        var kind = missingOverlapping > 0
            && (missingTouching == 0 || random.NextDouble() < (double)missingOverlapping / (missingTouching + missingOverlapping))
            ? ChromosomeContact.Overlapping
            : ChromosomeContact.Touching;
        var missing = kind == ChromosomeContact.Overlapping ? missingOverlapping : missingTouching;

        var apart = Shuffled(placed.Where(i => status[i] == ChromosomeContact.None), random);
        // Touching a chromosome that already touches or overlaps leaves it as it is; overlapping one that
        // only touches would turn it, and take it off the touching count.
        var alike = Shuffled(
            placed.Where(i => kind == ChromosomeContact.Touching ? status[i] != ChromosomeContact.None : status[i] == ChromosomeContact.Overlapping),
            random);

        if (missing >= 2)
        {
            if (apart.Count > 0)
            {
                return (kind, [.. apart, .. alike]);
            }

            // Nobody apart to pair with yet: wait for one unless time is up.
            return forced && alike.Count > 0 ? (kind, alike) : (ChromosomeContact.None, []);
        }

        return alike.Count > 0 ? (kind, [.. alike, .. apart]) : (kind, apart);
    }

    /// <summary>Records where a chromosome went: apart, or against <paramref name="partner"/>.</summary>
    public void Placed(int index, ChromosomeContact kind, int? partner)
    {
        placed.Add(index);
        status[index] = kind;
        if (partner is int p && kind > status[p])
        {
            status[p] = kind;
        }
    }

    private int Count(ChromosomeContact kind) => placed.Count(i => status[i] == kind);

    private static List<int> Shuffled(IEnumerable<int> items, Random random)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
