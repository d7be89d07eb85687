using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using NodaTime;

namespace Ledger.Api.WebConsole;

/// <summary>
/// A fragment of HTML. Interpolating anything into <see cref="H"/> encodes it unless it is itself <see cref="Html"/>, so
/// ledger data (names, reasons, evidence) can never become markup: the same guarantee Razor gives, without its pipeline.
/// </summary>
public readonly record struct Html(string Value)
{
    public static readonly Html Empty = new("");

    public static Html H(HtmlBuilder builder) => builder.Build();

    /// <summary>Markup the console itself wrote (never data).</summary>
    public static Html Raw(string markup) => new(markup);

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static Html When(bool condition, Html html) => condition ? html : Empty;

    public override string ToString() => Value;
}

[InterpolatedStringHandler]
public ref struct HtmlBuilder
{
    // Chinese text stays readable in the page source; only markup-significant characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _text;

    public HtmlBuilder(int literalLength, int formattedCount) => _text = new StringBuilder(literalLength + formattedCount * 16);

    public void AppendLiteral(string literal) => _text.Append(literal);

    public void AppendFormatted(Html html) => _text.Append(html.Value);

    public void AppendFormatted(IEnumerable<Html> parts)
    {
        foreach (var part in parts) _text.Append(part.Value);
    }

    public void AppendFormatted(LocalDate date) => _text.Append(date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));

    public void AppendFormatted(LocalDate? date) => _text.Append(date is { } d ? d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) : "—");

    public void AppendFormatted(decimal amount) => _text.Append(amount.ToString("#,##0.##", CultureInfo.InvariantCulture));

    public void AppendFormatted<T>(T value)
    {
        // A List<Html> binds here rather than to the IEnumerable<Html> overload; it is markup all the same.
        if (value is IEnumerable<Html> parts) AppendFormatted(parts);
        else if (value is Html html) AppendFormatted(html);
        else _text.Append(Encoder.Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
    }

    internal Html Build() => new(_text.ToString());
}
