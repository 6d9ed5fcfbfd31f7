using ChromoFarm.Domain;
using ChromoFarm.Karyotyping;

namespace ChromoFarm.Reviewing;

/// <summary>
/// The label edits of a review and the karyotype they give: pure, so that the page, the API and the audit all agree
/// on what an edit does. An edit that changes nothing (a label to itself, a swap of equal labels) is refused, so
/// that every revision in the audit trail is a real change.
/// </summary>
public static class LabelCorrections
{
    /// <summary>The labels after <paramref name="edit"/>.</summary>
    /// <exception cref="InvalidReviewEditException">The edit does not fit the labels (unknown index, bad label, no change).</exception>
    public static IReadOnlyList<ReviewedLabel> Apply(IReadOnlyList<ReviewedLabel> labels, ReviewEdit edit)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(edit);
        var next = labels.ToList();
        switch (edit.Action)
        {
            case ReviewAction.Relabel:
            {
                var (at, current) = Find(next, edit.Chromosome, "chromosome");
                var label = ClassLabel(edit.Label);
                Changes(current.Label != label, $"chromosome {current.Index} is already {label}");
                next[at] = current with { Label = label };
                break;
            }

            case ReviewAction.Swap:
            {
                var (at, first) = Find(next, edit.Chromosome, "chromosome");
                var (otherAt, second) = Find(next, edit.Other, "other");
                Changes(first.Label != second.Label, $"chromosomes {first.Index} and {second.Index} are both {first.Label}: swapping changes nothing");
                next[at] = first with { Label = second.Label };
                next[otherAt] = second with { Label = first.Label };
                break;
            }

            case ReviewAction.Artefact:
            {
                var (at, current) = Find(next, edit.Chromosome, "chromosome");
                Changes(current.IsChromosome, $"object {current.Index} is already an artefact");
                Changes(!current.Added, $"chromosome {current.Index} was added by a reviewer: remove it instead");
                next[at] = current with { Label = ReviewedLabel.Artefact };
                break;
            }

            case ReviewAction.AddMissed:
                next.Add(new ReviewedLabel(next.Count == 0 ? 0 : next.Max(l => l.Index) + 1, ClassLabel(edit.Label), Added: true));
                break;

            case ReviewAction.RemoveAdded:
            {
                var (at, current) = Find(next, edit.Chromosome, "chromosome");
                Changes(current.Added, $"chromosome {current.Index} came from the image, not from a reviewer: mark it an artefact instead");
                next.RemoveAt(at);
                break;
            }

            default:
                throw new InvalidReviewEditException($"{Name(edit.Action)} does not change labels");
        }

        return next;
    }

    /// <summary>The karyotype the labels give: every object but the artefacts counts.</summary>
    public static Karyotype Karyotype(IEnumerable<ReviewedLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Karyotyping.Karyotype.FromLabels(labels.Where(l => l.IsChromosome).Select(l => ChromosomeClass.Parse(l.Label)));
    }

    /// <summary>The action's name as the API spells it (snake_case).</summary>
    public static string Name(ReviewAction action) => action switch
    {
        ReviewAction.AddMissed => "add_missed",
        ReviewAction.RemoveAdded => "remove_added",
        _ => action.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads <see cref="Name"/> back.</summary>
    public static bool TryParseAction(string? text, out ReviewAction action)
    {
        foreach (var candidate in Enum.GetValues<ReviewAction>())
        {
            if (Name(candidate) == text)
            {
                action = candidate;
                return true;
            }
        }

        action = default;
        return false;
    }

    private static (int At, ReviewedLabel Label) Find(List<ReviewedLabel> labels, int? index, string field)
    {
        if (index is null)
        {
            throw new InvalidReviewEditException($"'{field}' is required: the index of the chromosome to change");
        }

        var at = labels.FindIndex(l => l.Index == index);
        return at < 0
            ? throw new InvalidReviewEditException($"'{field}': the cell has no object {index} (objects are 0..{labels.Max(l => (int?)l.Index) ?? -1})")
            : (at, labels[at]);
    }

    private static string ClassLabel(string? label) =>
        ChromosomeClass.TryParse(label, out var chromosome)
            ? chromosome.Label
            : throw new InvalidReviewEditException($"'label': '{label}' is not a chromosome class (1..22, X or Y)");

    private static void Changes(bool changes, string otherwise)
    {
        if (!changes)
        {
            throw new InvalidReviewEditException(otherwise);
        }
    }
}
