using System.Globalization;
using System.Security.Claims;
using ChromoFarm.Karyograms;
using ChromoFarm.Results.Entities;
using Microsoft.AspNetCore.Http;

namespace ChromoFarm.Api;

/// <summary>
/// The review page, rendered on the server: the queue of cells to review, a cell with its karyogram (each chromosome
/// a button), the class picker and the calls, a case with its cells and consensus, and the login form. review.js
/// sends each step to the API and swaps in the page anew, so the karyotype the labels give shows at once.
/// </summary>
internal static class ReviewPages
{
    public const string Root = "/review";
    public const string Login = "/login";
    public const string Assets = "/review/assets";

    public static bool IsPage(HttpRequest request) =>
        request.Path.StartsWithSegments(Root, StringComparison.Ordinal) || request.Path == "/" || request.Path.StartsWithSegments(Login, StringComparison.Ordinal);

    public static string LoginUrl(HttpRequest request) => $"{Login}?next={Html.Url(request.Path + request.QueryString)}";

    public static string CellUrl(string caseId, string cellId) => $"{Root}/cases/{Html.Url(caseId)}/cells/{Html.Url(cellId)}";

    public static string CaseUrl(string caseId) => $"{Root}/cases/{Html.Url(caseId)}";

    public static string ApiCellUrl(string caseId, string cellId) => $"/v1/cases/{Html.Url(caseId)}/cells/{Html.Url(cellId)}";

    public static string Layout(string title, string body, ClaimsPrincipal? user)
    {
        var html = new Html().Add($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · ChromoFarm review</title>
            <link rel="icon" href="{Assets}/icon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="{Assets}/review.css">
            <script src="{Assets}/review.js" defer></script>
            </head>
            <body>
            <header class="bar"><a class="brand" href="{Root}">ChromoFarm review</a>
            """);
        if (user?.Identity?.IsAuthenticated == true)
        {
            html.Add($"""
                <nav><a href="{Root}">Queue</a><a href="{Root}?view=all">All cells</a><a href="{Root}?view=done">Reviewed</a></nav>
                <form class="who" method="post" action="/logout"><span>{user.Identity.Name} ({user.FindFirstValue(ClaimTypes.Role)})</span><button type="submit">Log out</button></form>
                """);
        }

        html.Raw("</header>\n<main>").Raw(body).Raw("</main>\n<div id=\"status\" role=\"status\" aria-live=\"polite\"></div>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static string LoginForm(string next, string? refusal) =>
        Layout("Log in", new Html().Add($"""
            <section class="login">
            <h1>Log in</h1>
            <p>Paste your API key (<code>chromofarm apikey create --role reviewer</code> makes one; <code>chromofarm review</code> prints a one-time key).</p>
            {new Html.Trusted(refusal is null ? string.Empty : new Html().Add($"<p class=\"error\">{refusal}</p>").ToString())}
            <form method="post" action="{Login}">
            <input type="hidden" name="next" value="{next}">
            <label>API key <input name="key" type="password" autocomplete="off" autofocus required></label>
            <button type="submit">Log in</button>
            </form>
            </section>
            """).ToString(), null);

    /// <summary>The queue: cells ordered by urgency, most urgent first.</summary>
    public static string Queue(Page<CellSummary> page, string view, ClaimsPrincipal user)
    {
        var heading = view switch { "all" => "All cells", "done" => "Reviewed cells", _ => "Cells to review" };
        var html = new Html().Add($"""
            <h1>{heading} <small>{page.Total} cells</small></h1>
            <p class="hint">Most urgent first: an uncertain or abnormal call before a confident normal one. Press <kbd>?</kbd> on a cell for the keys.</p>
            <table class="queue"><thead><tr><th>#</th><th>case</th><th>cell</th><th>call</th><th>model call</th><th>confidence</th><th>review</th><th>why</th></tr></thead><tbody>
            """);
        var rank = page.Offset;
        foreach (var cell in page.Items)
        {
            rank++;
            var abnormal = cell.ReportedKaryotype is { } call && call is not ("46,XX" or "46,XY");
            html.Add($"""
                <tr class="{(abnormal ? "abnormal" : string.Empty)}"><td>{rank}</td><td><a href="{CaseUrl(cell.CaseId)}">{cell.CaseId}</a></td>
                <td><a class="cell-link" href="{CellUrl(cell.CaseId, cell.CellId)}?view={view}">{cell.CellId}</a></td>
                <td>{cell.ReportedKaryotype ?? (cell.Status == "failed" ? "failed" : "–")}</td><td>{cell.Karyotype ?? "–"}</td>
                <td>{Html.Number(cell.CallConfidence)}</td><td>{cell.ReviewStatus?.Replace('_', ' ') ?? cell.Status}</td><td class="reasons">{cell.ReviewReasons?.Replace("_", " ").Replace(";", ", ") ?? cell.Error}</td></tr>
                """);
        }

        html.Raw("</tbody></table>");
        if (page.Items.Count == 0)
        {
            html.Raw("<p class=\"empty\">Nothing here.</p>");
        }

        html.Raw("<nav class=\"pages\">");
        if (page.Offset > 0)
        {
            html.Add($"<a href=\"{Root}?view={view}&offset={Math.Max(0, page.Offset - page.Limit)}\">← previous</a>");
        }

        if (page.Next is { } next)
        {
            html.Add($"<a href=\"{Root}?view={view}&offset={next}\">next →</a>");
        }

        html.Raw("</nav>");
        return Layout(heading, html.ToString(), user);
    }

    /// <summary>One cell: calls, actions, the karyogram with a button per chromosome, the spread, the table and the audit.</summary>
    public static string Cell(CellDetail detail, KaryogramPicture karyogram, KaryogramPicture? spread, IReadOnlyList<AuditRecord> audit, (string? Previous, string? Next) neighbours, bool canReview, ClaimsPrincipal user)
    {
        var cell = detail.Cell;
        var closed = cell.ReviewStatus is "accepted" or "rejected";
        var html = new Html().Add($"""
            <div id="cell" data-api="{ApiCellUrl(cell.CaseId, cell.CellId)}" data-revision="{cell.ReviewRevision}" data-model="{cell.ModelVersion}" data-can-review="{(canReview ? "true" : "false")}" data-closed="{(closed ? "true" : "false")}"
                 data-previous="{neighbours.Previous}" data-next="{neighbours.Next}">
            <nav class="crumbs"><a href="{CaseUrl(cell.CaseId)}">case {cell.CaseId}</a> / cell {cell.CellId}
              {new Html.Trusted(neighbours.Previous is null ? string.Empty : new Html().Add($"<a class=\"prev\" href=\"{neighbours.Previous}\">← previous <kbd>p</kbd></a>").ToString())}
              {new Html.Trusted(neighbours.Next is null ? string.Empty : new Html().Add($"<a class=\"next\" href=\"{neighbours.Next}\">next <kbd>n</kbd> →</a>").ToString())}</nav>
            <section class="calls">
              <div class="call"><span class="label">reported</span><span id="reported" class="karyotype">{cell.ReportedKaryotype ?? "rejected"}</span></div>
              <div class="call"><span class="label">model</span><span id="model-call">{cell.Karyotype}</span> <span class="muted">confidence {Html.Number(cell.CallConfidence)}</span></div>
              <div class="call"><span class="label">competing</span><span>{cell.AlternativeKaryotype ?? "none within reach"}</span></div>
              <div class="call"><span class="label">review</span><span id="review-status">{cell.ReviewStatus?.Replace('_', ' ')}</span> <span class="muted">{(cell.ReviewedBy is null ? string.Empty : $"by {cell.ReviewedBy}, revision {cell.ReviewRevision}")}</span></div>
              <div class="call"><span class="label">why</span><span class="reasons">{cell.ReviewReasons?.Replace("_", " ").Replace(";", ", ")}</span></div>
            </section>
            """);
        if (canReview)
        {
            html.Add($"""
                <section class="actions">
                  <button data-action="accept" {(closed ? "disabled" : string.Empty)}>Accept call <kbd>c</kbd></button>
                  <button data-action="reject" {(cell.ReviewStatus == "rejected" ? "disabled" : string.Empty)}>Reject cell <kbd>r</kbd></button>
                  <button data-action="reopen" {(closed ? string.Empty : "disabled")}>Reopen <kbd>o</kbd></button>
                  <button data-action="add_missed" {(closed ? "disabled" : string.Empty)}>Add missed chromosome <kbd>m</kbd></button>
                </section>
                """);
        }

        html.Raw("<div class=\"workspace\">");
        html.Add($"""<figure class="picture karyogram" data-width="{karyogram.Width}" data-height="{karyogram.Height}"><img src="{ApiCellUrl(cell.CaseId, cell.CellId)}/karyogram.png?revision={cell.ReviewRevision}" alt="karyogram of {cell.CellId}" width="{karyogram.Width}" height="{karyogram.Height}">""");
        Overlays(html, karyogram, detail);
        html.Raw("</figure>");
        if (canReview)
        {
            html.Raw("<aside class=\"picker\"><h2>Selected <span id=\"selected\">none</span></h2><p id=\"selected-info\" class=\"muted\">Click a chromosome, or <kbd>j</kbd>/<kbd>k</kbd>.</p><div class=\"classes\">");
            foreach (var label in Domain.ChromosomeClass.All.Select(c => c.Label))
            {
                html.Add($"<button class=\"class\" data-label=\"{label}\">{label}</button>");
            }

            html.Raw("</div><div class=\"tools\"><button data-tool=\"swap\">Swap with… <kbd>s</kbd></button><button data-tool=\"artefact\">Not a chromosome <kbd>a</kbd></button><button data-tool=\"remove_added\">Remove added <kbd>Del</kbd></button></div>");
            html.Raw("<p class=\"muted\">Type a class (<kbd>1</kbd>…<kbd>22</kbd>, <kbd>x</kbd>, <kbd>y</kbd>) and <kbd>Enter</kbd>. <kbd>?</kbd> lists every key.</p><p id=\"typed\"></p></aside>");
        }

        html.Raw("</div>");
        if (spread is not null)
        {
            html.Add($"""<h2>Spread</h2><figure class="picture spread" data-width="{spread.Width}" data-height="{spread.Height}"><img src="{ApiCellUrl(cell.CaseId, cell.CellId)}/spread.png?revision={cell.ReviewRevision}" alt="spread of {cell.CellId}" width="{spread.Width}" height="{spread.Height}">""");
            Overlays(html, spread, detail);
            html.Raw("</figure>");
        }

        Table(html, detail);
        AuditList(html, audit);
        html.Raw(Keys).Raw("</div>");
        return Layout($"{cell.CaseId} / {cell.CellId}", html.ToString(), user);
    }

    /// <summary>A case: its consensus, mosaicism and every cell.</summary>
    public static string Case(CaseDetail detail, ClaimsPrincipal user)
    {
        var summary = detail.Case;
        var html = new Html().Add($"""
            <h1>Case {summary.CaseId}</h1>
            <section class="calls">
              <div class="call"><span class="label">case call</span><span class="karyotype">{summary.Notation ?? "no analysed cell"}</span></div>
              <div class="call"><span class="label">cells</span><span>{summary.Cells} ({summary.Completed} analysed, {summary.Failed} failed)</span></div>
              <div class="call"><span class="label">calls</span><span>{summary.CallCounts}</span></div>
              <div class="call"><span class="label">mosaic</span><span>{(summary.Karyotype?.IsMosaic == true ? "yes" : "no")}</span></div>
            </section>
            <ul class="notes">
            """);
        foreach (var note in summary.Karyotype?.Notes ?? [])
        {
            html.Add($"<li>{note}</li>");
        }

        html.Raw("</ul><table class=\"queue\"><thead><tr><th>cell</th><th>reported call</th><th>model call</th><th>confidence</th><th>review</th><th>why</th></tr></thead><tbody>");
        foreach (var cell in detail.Cells)
        {
            html.Add($"""
                <tr><td><a class="cell-link" href="{CellUrl(cell.CaseId, cell.CellId)}">{cell.CellId}</a></td><td>{cell.ReportedKaryotype ?? cell.Status}</td><td>{cell.Karyotype ?? "–"}</td>
                <td>{Html.Number(cell.CallConfidence)}</td><td>{cell.ReviewStatus?.Replace('_', ' ') ?? cell.Status}</td><td class="reasons">{cell.ReviewReasons?.Replace("_", " ").Replace(";", ", ") ?? cell.Error}</td></tr>
                """);
        }

        html.Raw("</tbody></table>");
        return Layout($"Case {summary.CaseId}", html.ToString(), user);
    }

    // A transparent button over each object of a picture, placed by review.js from the picture's own coordinates.
    private static void Overlays(Html html, KaryogramPicture picture, CellDetail detail)
    {
        var byIndex = detail.Chromosomes.ToDictionary(c => c.Index);
        foreach (var place in picture.Placements)
        {
            var c = byIndex.GetValueOrDefault(place.Index);
            var title = c is null ? $"#{place.Index + 1}"
                : string.Create(CultureInfo.InvariantCulture, $"#{place.Index + 1}: {c.Label}{(c.ModelLabel is { } model && model != c.Label ? $" (model {model})" : string.Empty)}{(c.Confidence is { } p ? $", p = {p:0.00}" : string.Empty)}{(c.NeedsReview ? ", possible cluster" : string.Empty)}{(c.Added ? ", added" : string.Empty)}");
            html.Add($"""<button class="chromosome" data-index="{place.Index}" data-label="{c?.Label}" data-added="{(c?.Added == true ? "true" : "false")}" data-x="{place.X}" data-y="{place.Y}" data-w="{place.Width}" data-h="{place.Height}" title="{title}" aria-label="{title}"></button>""");
        }
    }

    private static void Table(Html html, CellDetail detail)
    {
        html.Raw("<details class=\"objects\"><summary>Chromosomes</summary><table><thead><tr><th>#</th><th>label</th><th>model</th><th>argmax</th><th>p</th><th>flags</th><th>source</th></tr></thead><tbody>");
        foreach (var c in detail.Chromosomes)
        {
            var flags = string.Join(", ", new[] { c.NeedsReview ? "possible cluster" : null, c.Corrected ? "corrected" : null, c.Added ? "added" : null }.Where(f => f is not null));
            html.Add($"<tr data-index=\"{c.Index}\"><td>{c.Index + 1}</td><td>{c.Label}</td><td>{c.ModelLabel ?? "–"}</td><td>{c.ArgmaxLabel ?? "–"}</td><td>{Html.Number(c.Confidence)}</td><td>{flags}</td><td class=\"muted\">{c.SourceName}</td></tr>");
        }

        html.Raw("</tbody></table></details>");
    }

    private static void AuditList(Html html, IReadOnlyList<AuditRecord> audit)
    {
        html.Raw("<details class=\"audit\" open><summary>Audit trail</summary><ol>");
        foreach (var a in audit)
        {
            html.Add($"<li><time>{a.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</time> <b>{a.Actor}</b> {a.Action.Replace('_', ' ')} {(a.ChromosomeIndex is { } i ? $"#{i + 1}" : string.Empty)}{(a.OtherIndex is { } o ? $" ↔ #{o + 1}" : string.Empty)} {a.FromValue} → {a.ToValue} <span class=\"muted\">{a.Detail}</span></li>");
        }

        html.Raw(audit.Count == 0 ? "<li class=\"muted\">No change yet: the labels are the model's.</li></ol></details>" : "</ol></details>");
    }

    private const string Keys = """
        <dialog id="keys"><h2>Keys</h2><dl>
        <dt><kbd>j</kbd> <kbd>k</kbd> or <kbd>←</kbd> <kbd>→</kbd></dt><dd>select the next / previous chromosome</dd>
        <dt><kbd>1</kbd>…<kbd>22</kbd> <kbd>x</kbd> <kbd>y</kbd> then <kbd>Enter</kbd></dt><dd>relabel the selected chromosome</dd>
        <dt><kbd>s</kbd></dt><dd>swap the selected chromosome's label with the next one you pick</dd>
        <dt><kbd>a</kbd></dt><dd>mark the selected object as not a chromosome</dd>
        <dt><kbd>m</kbd></dt><dd>add a chromosome the segmentation missed (type its class first)</dd>
        <dt><kbd>Del</kbd></dt><dd>remove an added chromosome</dd>
        <dt><kbd>c</kbd> <kbd>r</kbd> <kbd>o</kbd></dt><dd>accept the call, reject the cell, reopen it</dd>
        <dt><kbd>n</kbd> <kbd>p</kbd></dt><dd>next / previous cell of the queue</dd>
        <dt><kbd>Esc</kbd></dt><dd>clear what you typed, leave swap</dd>
        </dl><form method="dialog"><button>Close</button></form></dialog>
        """;
}
