using System.Globalization;
using ChromoFarm.Results.Entities;
using Microsoft.AspNetCore.Http;

namespace ChromoFarm.Api;

/// <summary>How to order cells. Urgency puts the cells most likely to change a report first (see <see cref="CellQuery"/>).</summary>
public enum CellOrder
{
    Case,
    Urgency,
    Confidence,
    Updated,
    Count,
}

/// <summary>
/// A selection of cells: filters, order and a page, as the API's query string spells them
/// (<c>?needs_review=true&amp;abnormal=true&amp;call=47,XX,+21&amp;model=…&amp;status=completed&amp;review=unreviewed&amp;case=…&amp;from=2026-12-01&amp;to=…&amp;sort=-urgency&amp;limit=50&amp;offset=0</c>).
/// </summary>
/// <remarks>
/// "call" and "abnormal" read the reported call: a reviewer's where one exists (unless rejected), the model's otherwise.
/// Urgency is (1 − call confidence) + 1 for an abnormal call + ½ when the model asked for review: a confident normal
/// cell waits, an uncertain abnormal one comes first.
/// </remarks>
public sealed record CellQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public string? Model { get; init; }

    public string? Case { get; init; }

    public bool? NeedsReview { get; init; }

    public bool? Abnormal { get; init; }

    public string? Call { get; init; }

    public CellStatus? Status { get; init; }

    /// <summary>"unreviewed", "in_review", "accepted", "rejected".</summary>
    public string? Review { get; init; }

    /// <summary>Cells whose state last changed at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Cells whose state last changed before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    public CellOrder Order { get; init; } = CellOrder.Case;

    public bool Descending { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public int Offset { get; init; }

    private static readonly string[] Known = ["model", "case", "needs_review", "abnormal", "call", "status", "review", "from", "to", "sort", "limit", "offset"];

    /// <summary>Reads the query string; an unknown or malformed parameter is refused, naming it.</summary>
    /// <exception cref="BadQueryException">A parameter that is not one of these, or a value that does not parse.</exception>
    public static CellQuery Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
        {
            throw new BadQueryException($"unknown parameter '{unknown}' (known: {string.Join(", ", Known)})");
        }

        string? Text(string name) => query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString().Trim() : null;
        var (order, descending) = Sort(Text("sort"));
        return new CellQuery
        {
            Model = Text("model"),
            Case = Text("case"),
            NeedsReview = Flag(Text("needs_review"), "needs_review"),
            Abnormal = Flag(Text("abnormal"), "abnormal"),
            Call = CallNotation(Text("call")),
            Status = Text("status") is { } status
                ? Enum.TryParse<CellStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
                    : throw new BadQueryException($"status '{status}' is not completed, failed or queued")
                : null,
            Review = Text("review") is { } review
                ? review is "unreviewed" or "in_review" or "accepted" or "rejected" ? review
                    : throw new BadQueryException($"review '{review}' is not unreviewed, in_review, accepted or rejected")
                : null,
            From = Instant(Text("from"), "from"),
            To = Instant(Text("to"), "to"),
            Order = order,
            Descending = descending,
            Limit = Number(Text("limit"), "limit", DefaultLimit, 1, MaxLimit),
            Offset = Number(Text("offset"), "offset", 0, 0, int.MaxValue),
        };
    }

    private static bool? Flag(string? text, string name) => text switch
    {
        null => null,
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new BadQueryException($"{name} '{text}' is not true or false"),
    };

    // Karyotype strings arrive with '+' decoded as a space by form rules; put it back.
    private static string? CallNotation(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var call = text.Replace(' ', '+');
        try
        {
            return Karyotyping.Karyotype.Parse(call).Notation;
        }
        catch (FormatException error)
        {
            throw new BadQueryException($"call: {error.Message}");
        }
    }

    private static DateTimeOffset? Instant(string? text, string name) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant
        : throw new BadQueryException($"{name} '{text}' is not a date or an ISO 8601 time");

    private static int Number(string? text, string name, int fallback, int min, int max) =>
        text is null ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : throw new BadQueryException($"{name} '{text}' is not a whole number from {min} to {max}");

    private static (CellOrder Order, bool Descending) Sort(string? text)
    {
        if (text is null)
        {
            return (CellOrder.Case, false);
        }

        var descending = text.StartsWith('-');
        var name = text.TrimStart('-', '+');
        return Enum.TryParse<CellOrder>(name, ignoreCase: true, out var order) && Enum.IsDefined(order) && !int.TryParse(name, out _)
            ? (order, descending)
            : throw new BadQueryException($"sort '{text}' is not one of case, urgency, confidence, updated, count (prefix '-' for descending)");
    }
}

/// <summary>A query string the API cannot read; the message names the parameter (answered 400).</summary>
public sealed class BadQueryException(string message) : Exception(message);
