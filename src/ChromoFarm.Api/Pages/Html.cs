using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ChromoFarm.Api;

/// <summary>Builds the review page's HTML; every value that comes from data goes through <see cref="Text"/>.</summary>
internal sealed class Html
{
    private readonly StringBuilder html = new();

    public static string Text(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    public static string Url(string value) => Uri.EscapeDataString(value);

    public static string Number(double? value, string format = "0.00") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "–";

    public Html Raw(string markup)
    {
        html.Append(markup);
        return this;
    }

    /// <summary>Markup with data holes: the arguments are encoded.</summary>
    public Html Add(FormattableString markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        html.Append(string.Format(CultureInfo.InvariantCulture, markup.Format, markup.GetArguments().Select(a => a switch
        {
            Trusted trusted => trusted.Markup,
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => (object)Text(a?.ToString()),
        }).ToArray()));
        return this;
    }

    public override string ToString() => html.ToString();

    /// <summary>Markup built here already, to be inserted as it is.</summary>
    public sealed record Trusted(string Markup);
}
