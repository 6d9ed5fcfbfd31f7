using ChromoFarm.Domain;

namespace ChromoFarm.Karyotyping;

/// <summary>A place a chromosome can be assigned to: the k-th copy of a class, with the prior cost of that copy existing.</summary>
public readonly record struct ClassSlot(ChromosomeClass Class, int Copy, double ExtraCost);

/// <summary>The slots a cell's chromosomes are assigned to.</summary>
/// <remarks>
/// The extra cost of a slot is −log of the prior odds that a cell holds that copy; the evidence
/// (−log p from the classifier) has to pay for it. Two free slots per class is the classic
/// redistribution: it can never call a third copy.
/// </remarks>
public sealed class ClassSlots
{
    public ClassSlots(IEnumerable<ClassSlot> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        Slots = slots.ToArray();
        if (Slots.Count == 0)
        {
            throw new ArgumentException("at least one slot is needed", nameof(slots));
        }
    }

    public IReadOnlyList<ClassSlot> Slots { get; }

    /// <summary>Each of the 24 classes at most twice, at no extra cost.</summary>
    public static ClassSlots TwoCopiesEach { get; } = new(
        ChromosomeClass.All.SelectMany(c => new[] { new ClassSlot(c, 1, 0), new ClassSlot(c, 2, 0) }));
}
