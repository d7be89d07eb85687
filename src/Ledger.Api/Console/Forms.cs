using Ledger.Api.Http;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Certificates;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// The pieces of the console's write forms. Every form posts JSON to the API endpoint named in its data-api (console.js),
/// so validation, scope and rule answers are the API's own; the page only offers the fields by their labels and pickers.
/// </summary>
public static class Forms
{
    /// <summary>
    /// A form posting to <paramref name="api"/>; with <paramref name="apiThen"/> a second request follows the first, its
    /// address filled from the first answer (":personId"), and <paramref name="carry"/> names answer fields copied into it.
    /// </summary>
    public static Html ApiForm(string api, string heading, Html fields, string button, string? id = null, string? then = null, string? apiThen = null,
        string? carry = null, string css = "grid action", string? next404 = null) => H($"""
        <form data-api="{api}"{Raw(next404 is null ? "" : $" data-next-404=\"{System.Net.WebUtility.HtmlEncode(next404)}\"")}{Raw(apiThen is null ? "" : $" data-api-then=\"{apiThen}\"")}{Raw(carry is null ? "" : $" data-carry=\"{carry}\"")}{Raw(then is null ? "" : $" data-then=\"{then}\"")}{Raw(id is null ? "" : $" id=\"{id}\"")} class="{css}" aria-label="{heading}">
          <h3>{heading}</h3>{fields}
          <div class="wide buttons"><button type="submit">{button}</button></div>
          <div class="form-error" role="alert" hidden></div>
        </form>
        """);

    /// <summary>A form folded under its heading, for pages that offer several acts of which an officer takes one.</summary>
    public static Html Folded(string summary, Html form, bool open = false) =>
        H($"<details class=\"act\"{Raw(open ? " open" : "")}><summary>{summary}</summary>{form}</details>");

    public static Html Text(string name, string label, bool required = true, int max = 200, string? value = null, string? step = null, string css = "", string extra = "") =>
        H($"<label{Raw(css.Length == 0 ? "" : $" class=\"{css}\"")}>{label}<input name=\"{name}\"{Raw(required ? " required" : "")} maxlength=\"{max}\"{Raw(value is null ? "" : $" value=\"{System.Net.WebUtility.HtmlEncode(value)}\"")}{Step(step)}{Raw(extra.Length == 0 ? "" : " " + extra)}></label>");

    public static Html Area(string name, string label, bool required = true, int max = 500, string? value = null) =>
        H($"<label class=\"wide\">{label}<textarea name=\"{name}\" rows=\"2\"{Raw(required ? " required" : "")} maxlength=\"{max}\">{value ?? ""}</textarea></label>");

    public static Html Date(ConsolePage page, string name, string label, string? value = null, bool required = true, string? step = null) =>
        H($"<label>{label}<input {DateInput(page)} name=\"{name}\"{Raw(required ? " required" : "")} value=\"{value ?? ""}\"{Step(step)}></label>");

    public static Html Number(string name, string label, string? value = null, bool required = true, bool integer = true, string? step = null) =>
        H($"<label>{label}<input name=\"{name}\" data-type=\"{(integer ? "int" : "number")}\" inputmode=\"{(integer ? "numeric" : "decimal")}\"{Raw(required ? " required" : "")} value=\"{value ?? ""}\"{Step(step)}></label>");

    public static Html Hidden(string name, string value, string? type = null, string? step = null) =>
        H($"<input type=\"hidden\" name=\"{name}\" value=\"{value}\"{Raw(type is null ? "" : $" data-type=\"{type}\"")}{Step(step)}>");

    public static Html Version(long version, string? step = null) => Hidden("version", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "int", step);

    public static Html Check(string name, string label, bool on = false) =>
        H($"<label class=\"check\"><input type=\"checkbox\" name=\"{name}\" data-type=\"bool\"{Raw(on ? " checked" : "")}> {label}</label>");

    /// <summary>A select of (value, text) choices, the first chosen unless <paramref name="selected"/> names another.</summary>
    public static Html Select(string name, string label, IEnumerable<(string Value, string Text)> choices, string? selected = null, bool required = true,
        string? empty = null, string? type = null, string? step = null) =>
        H($"""<label>{label}<select name="{name}"{Raw(required ? " required" : "")}{Raw(type is null ? "" : $" data-type=\"{type}\"")}{Step(step)}>{When(empty is not null, H($"<option value=\"\">{empty}</option>"))}{Join(choices.Select(c =>
            H($"<option value=\"{c.Value}\"{Raw(c.Value == selected ? " selected" : "")}>{c.Text}</option>")))}</select></label>""");

    /// <summary>An enum's values by their catalogue names, sent as the API's kebab-case codes.</summary>
    public static IEnumerable<(string, string)> Choices<T>(ConsolePage page, Func<T, DisplayName> name, IEnumerable<T>? only = null) where T : struct, Enum =>
        (only ?? Enum.GetValues<T>()).Select(v => (JsonNames.Kebab(v), page.N(name(v))));

    public static Html WorkTypes(ConsolePage page, string name, string label, string? selected = null, bool required = true, string? step = null) =>
        H($"""<label>{label}<select name="{name}"{Raw(required ? " required" : "")}{Step(step)}>{When(!required, H($"<option value=\"\">{page.L("无（非特种作业）", "None (not a special operation)")}</option>"))}{ClaimSubmissionPage.WorkTypeOptions(page, selected)}</select></label>""");

    public static IEnumerable<(string, string)> Kinds(ConsolePage page) => CertificateCatalog.Default.Kinds.Select(k => (k.Code, page.L(k.NameZh, k.NameEn)));

    public static IEnumerable<(string, string)> Industries(ConsolePage page) => CertificateCatalog.Default.Industries.Select(i => (i, page.N(DisplayNames.Industry(i))));

    private static Html Step(string? step) => step is null ? Empty : H($" data-step=\"{step}\"");
}
