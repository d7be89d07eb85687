using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Ledger.Api.Access;
using Ledger.Api.Audit;
using Ledger.Api.Certificates;
using Ledger.Api.Http;
using Ledger.Api.Imports;
using Ledger.Domain;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Certificates;
using Ledger.Projections.Audit;
using Marten;
using NodaTime;
using static Ledger.Api.WebConsole.Components;
using static Ledger.Api.WebConsole.Html;

namespace Ledger.Api.WebConsole;

/// <summary>
/// 证书公开查询: the page behind the certificate's QR code and the printed address, for anyone (an inspector on site, an
/// employer hiring). Number and name are typed into a form that is posted, so they never appear in a URL, a proxy's log or
/// the browser's history; the answer is the public verification's own (PublicVerification.Decide through the API's
/// endpoint), on a page laid out for a phone. A list can be checked at once by uploading it, within the same per-client
/// allowance as single checks (VerificationBudget).
/// </summary>
public static class PublicVerifyPages
{
    public const string Path = "/verify";

    /// <summary>Rows a batch may hold; larger lists are split, as the allowance is per minute anyway.</summary>
    private const int MaxUploadBytes = 256 * 1024;

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, Get).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, Post).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery().RequireRateLimiting(VerificationRateLimit.Policy);
        app.MapPost(Path + "/batch", Batch).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
    }

    private static bool English(HttpContext http) =>
        (http.Request.HasFormContentType ? http.Request.Form["lang"].ToString() : http.Request.Query["lang"].ToString()) == "en";

    private static string L(HttpContext http, string zh, string en) => English(http) ? en : zh;

    /// <summary>The form; with ?c= (the QR code's signed credential, which holds no full number or name) the answer for it.</summary>
    public static async Task<IResult> Get(string? c, HttpContext http, IQuerySession session, LedgerSigner signer, CertificateCredentials credentials,
        IClock clock, VerificationBudget budget, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(c)) return Render(http, L(http, "证书公开查询", "Certificate check"), Form(http, null));
        if (c.Length > 4000) return Render(http, L(http, "证书公开查询", "Certificate check"), Refusal(http, L(http, "二维码内容无法识别。", "The QR code could not be read."), Form(http, null)), 400);
        // Showing the form costs nothing; checking a scanned credential takes one check from the client's allowance.
        if (!budget.TryTake(http, 1, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Render(http, L(http, "核验结果", "Result"), Refusal(http, L(http, "本机本分钟的核验次数已用完，请稍后再扫码。", "This address has used its checks for the minute: scan again shortly."), Empty), 429);
        }
        var answer = Components.Value<CredentialVerification>(await CredentialEndpoints.Verify(c, session, signer, credentials, clock, ct));
        if (answer.Status == "invalid")
            return Render(http, L(http, "核验结果", "Result"), Refusal(http, L(http, "二维码凭证无效：", "The QR credential is not valid: ") + (English(http) ? answer.Reason : answer.ReasonZh)
                + L(http, "。请按证书编号和姓名查询。", ". Check by number and name instead."), Form(http, null)));
        var status = ParseStatus(answer.Status);
        // The credential names the work type in Chinese, as the certificate prints it; an English page names it in English.
        var named = CertificateCatalog.Default.WorkTypes.FirstOrDefault(w => w.NameZh == answer.WorkType) is { } w ? N(http, new DisplayName(w.NameZh, w.NameEn))
            : CertificateCatalog.Default.Kinds.FirstOrDefault(k => k.NameZh == answer.Kind) is { } k ? N(http, new DisplayName(k.NameZh, k.NameEn))
            : answer.WorkType ?? answer.Kind;
        return Render(http, L(http, "核验结果", "Result"), Answer(http, status, answer.NumberMasked, answer.HolderNameMasked, named,
            answer.ValidUntil, answer.NextReviewDue, answer.IssuingAuthority, answer.CheckedFor));
    }

    public static async Task<IResult> Post(HttpContext http, IQuerySession session, IDocumentStore store, StreamIdentity ids, IClock clock, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType) return Results.Redirect(Path);
        var form = await http.Request.ReadFormAsync(ct);
        var number = form["number"].ToString();
        var name = form["name"].ToString();
        try
        {
            var result = Components.Value<VerificationResult>(await VerifyCertificateEndpoint.Post(new VerifyCertificateRequest(number, name, null), session, store, ids, clock, ct));
            if (result.Status == PublicVerification.Unknown)
                return Render(http, L(http, "核验结果", "Result"), H($"""
                    {Verdict(http, "bad", L(http, "未查到与该编号和姓名相符的证书", "No certificate matches this number and name"))}
                    <p>{L(http, "请核对证书编号和持证人姓名（须与身份证一致）后重新查询。编号和姓名不符的证书可能是伪造的，请向当地应急管理部门核实。",
                        "Check the number and the holder's name (as on the ID card) and try again. A certificate whose number and name do not match may be forged: ask the local emergency-management bureau.")}</p>
                    {Form(http, null)}
                    """));
            var certificate = await session.LoadAsync<Certificate>(ids.ForCertificate(StreamIdentity.NormaliseCertificateNumber(number)), ct);
            var what = result.WorkType ?? result.Kind;
            return Render(http, L(http, "核验结果", "Result"), Answer(http, ParseStatus(result.Status), result.Number, result.HolderNameMasked,
                what is null ? null : N(http, result.WorkType is null ? DisplayNames.CertificateKind(what) : DisplayNames.WorkType(what)),
                result.ValidUntil is { } u ? Date(u) : null, result.NextReviewDue is { } d ? Date(d) : null, certificate?.IssuingAuthority, result.CheckedFor,
                certificate?.ValidFrom));
        }
        catch (RequestValidationException e)
        {
            var fields = e.Errors.Keys.Select(k => k == "name" ? L(http, "持证人姓名", "holder's name") : L(http, "证书编号", "certificate number"));
            return Render(http, L(http, "证书公开查询", "Certificate check"),
                Refusal(http, L(http, "请填写", "Please fill in ") + string.Join(L(http, "和", " and "), fields) + L(http, "（编号至多 40 个字符，姓名至多 50 个字符）。", " (number at most 40 characters, name at most 50)."),
                    Form(http, number)), 400);
        }
    }

    /// <summary>
    /// A list (CSV or XLSX, columns 证书编号 and 姓名, a header row optional), checked row by row through the same decision.
    /// The whole list takes its rows from the client's allowance at once, or is refused whole with when to try again.
    /// </summary>
    public static async Task<IResult> Batch(HttpContext http, IQuerySession session, IDocumentStore store, StreamIdentity ids, IClock clock, VerificationBudget budget,
        CancellationToken ct)
    {
        var title = L(http, "批量核验结果", "Batch check");
        if (!http.Request.HasFormContentType) return Results.Redirect(Path);
        var form = await http.Request.ReadFormAsync(ct);
        var file = form.Files.GetFile("list");
        if (file is null || file.Length == 0)
            return Render(http, title, Refusal(http, L(http, "请选择要上传的名单文件（CSV 或 XLSX）。", "Choose the list to upload (CSV or XLSX)."), Form(http, null)), 400);
        if (file.Length > MaxUploadBytes)
            return Render(http, title, Refusal(http, L(http, $"文件过大：一次最多上传 {MaxUploadBytes / 1024} KB。", $"The file is too large: at most {MaxUploadBytes / 1024} KB."), Form(http, null)), 400);

        List<(int Row, string Number, string Name)> rows;
        try
        {
            await using var stream = file.OpenReadStream();
            var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes, ct);
            rows = IsXlsx(bytes.ToArray()) ? ReadXlsx(bytes) : ReadCsv(bytes.ToArray());
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or FormatException or System.IO.FileFormatException)
        {
            return Render(http, title, Refusal(http, L(http, "无法读取该文件，请上传 CSV（UTF-8 或 GBK 编码）或 XLSX 文件，第一列证书编号、第二列姓名。",
                "The file could not be read: upload CSV (UTF-8 or GBK) or XLSX, certificate number in the first column and name in the second."), Form(http, null)), 400);
        }
        if (rows.Count == 0)
            return Render(http, title, Refusal(http, L(http, "名单中没有数据行。", "The list has no rows."), Form(http, null)), 400);
        if (rows.Count > budget.PermitsPerMinute)
            return Render(http, title, Refusal(http, L(http, $"一次最多核验 {budget.PermitsPerMinute} 行，本名单有 {rows.Count} 行；请拆分后分批上传。",
                $"At most {budget.PermitsPerMinute} rows at a time; this list has {rows.Count}: split it."), Form(http, null)), 400);
        if (!budget.TryTake(http, rows.Count, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Render(http, title, Refusal(http, L(http, $"本机本分钟的核验次数已用完，请 {(int)Math.Ceiling(retryAfter.TotalSeconds)} 秒后再上传。",
                $"This address has used its checks for the minute: upload again in {(int)Math.Ceiling(retryAfter.TotalSeconds)} seconds."), Form(http, null)), 429);
        }

        var results = new List<Html[]>();
        var valid = 0;
        foreach (var (row, number, name) in rows)
        {
            try
            {
                var result = Components.Value<VerificationResult>(await VerifyCertificateEndpoint.Post(new VerifyCertificateRequest(number, name, null), session, store, ids, clock, ct));
                var known = result.Status != PublicVerification.Unknown;
                var status = known ? ParseStatus(result.Status) : (CertificateStatus?)null;
                if (status == CertificateStatus.Valid) valid++;
                var what = result.WorkType ?? result.Kind;
                results.Add([H($"{row}"), ConsolePage.Ident(result.Number), H($"{result.HolderNameMasked ?? "—"}"),
                    status is { } st ? StatusBadge(http, st) : Badge(L(http, "未查到相符证书", "No matching certificate"), "bad"),
                    H($"{(what is null ? "—" : N(http, result.WorkType is null ? DisplayNames.CertificateKind(what) : DisplayNames.WorkType(what)))}"),
                    H($"{(result.ValidUntil is { } u ? Date(u) : "—")}"), H($"{(result.NextReviewDue is { } d ? Date(d) : "—")}")]);
            }
            catch (RequestValidationException)
            {
                results.Add([H($"{row}"), H($"—"), H($"—"), Badge(L(http, "编号或姓名未填写或过长", "Number or name missing or too long"), "warn"), H($"—"), H($"—"), H($"—")]);
            }
        }
        return Render(http, title, H($"""
            <p class="big">{L(http, $"共 {rows.Count} 行，有效 {valid} 行", $"{rows.Count} rows, {valid} valid")}</p>
            {PersonPages.Table([L(http, "行", "Row"), L(http, "证书编号", "Number"), L(http, "持证人", "Holder"), L(http, "状态", "Status"), L(http, "作业类别", "Work type"),
                L(http, "有效期至", "Valid until"), L(http, "下次复审", "Next review")], results, "batch")}
            <p><a href="{Path}{(English(http) ? "?lang=en" : "")}">{L(http, "继续查询", "Check more")}</a></p>
            """));
    }

    private static CertificateStatus ParseStatus(string status) =>
        JsonNames.TryParseKebab<CertificateStatus>(status, out var s) ? s : CertificateStatus.NotYetValid;

    private static string N(HttpContext http, DisplayName name) => name.In(English(http));

    private static Html StatusBadge(HttpContext http, CertificateStatus status) =>
        Badge(N(http, DisplayNames.Certificate(status)), status == CertificateStatus.Valid ? "ok" : status is CertificateStatus.ReviewOverdue or CertificateStatus.Expired ? "warn" : "bad");

    private static Html Verdict(HttpContext http, string tone, string text) => H($"""<p class="verdict {tone}" role="status">{text}</p>""");

    private static Html Answer(HttpContext http, CertificateStatus status, string? number, string? holder, string? workType, string? validUntil, string? nextReview,
        string? authority, LocalDate checkedFor, LocalDate? validFrom = null)
    {
        var tone = status == CertificateStatus.Valid ? "ok" : status is CertificateStatus.ReviewOverdue or CertificateStatus.Expired ? "warn" : "bad";
        var verdict = status == CertificateStatus.Valid
            ? L(http, "证书有效，可以上岗作业", "The certificate is valid")
            : L(http, $"证书{DisplayNames.Certificate(status).Zh}，不得凭此证上岗作业", $"The certificate is not valid: {DisplayNames.Certificate(status).En.ToLowerInvariant()}");
        return H($"""
            {Verdict(http, tone, verdict)}
            <dl class="facts verify-facts">
              {Field(L(http, "状态", "Status"), StatusBadge(http, status))}
              {Field(L(http, "证书编号", "Number"), ConsolePage.Ident(number))}
              {Field(L(http, "持证人", "Holder"), holder)}
              {Field(L(http, "作业类别", "Work type"), workType)}
              {Field(L(http, "有效期", "Valid"), validFrom is { } f ? $"{Date(f)} — {validUntil ?? "—"}" : validUntil ?? "—")}
              {Field(L(http, "下次复审", "Next review"), nextReview ?? "—")}
              {Field(L(http, "发证机关", "Issuing authority"), authority)}
              {Field(L(http, "核验日期", "Checked on"), Date(checkedFor))}
            </dl>
            <p class="hint">{L(http, "持证人姓名已作脱敏处理。核验记录由应急管理部门留存。", "The holder's name is masked. Checks are kept on record by the emergency-management bureau.")}</p>
            <h2>{L(http, "继续查询", "Check another")}</h2>
            {Form(http, null)}
            """);
    }

    private static Html Refusal(HttpContext http, string text, Html form) => H($"""<div class="error" role="alert"><p>{text}</p></div>{form}""");

    private static Html Form(HttpContext http, string? number)
    {
        var csrf = http.RequestServices.GetRequiredService<ConsoleAntiforgery>().TokenFor(http) ?? "";
        var lang = English(http) ? "en" : "zh";
        return H($"""
            <form method="post" action="{Path}" class="card verify-form" autocomplete="off">
              <input type="hidden" name="lang" value="{lang}"><input type="hidden" name="{ConsoleRequestForgeryGuard.FormField}" value="{csrf}">
              <label for="number">{L(http, "证书编号", "Certificate number")}</label>
              <input id="number" name="number" required maxlength="40" value="{number ?? ""}" autocapitalize="characters">
              <label for="name">{L(http, "持证人姓名", "Holder's name")}</label>
              <input id="name" name="name" required maxlength="50">
              <button type="submit">{L(http, "查询", "Check")}</button>
              <p class="hint">{L(http, "编号和姓名以表单提交，不会出现在网址中。", "Number and name are posted with the form, never put in the address.")}</p>
            </form>
            <form method="post" action="{Path}/batch" enctype="multipart/form-data" class="card verify-form">
              <h2>{L(http, "批量核验", "Check a list")}</h2>
              <input type="hidden" name="lang" value="{lang}"><input type="hidden" name="{ConsoleRequestForgeryGuard.FormField}" value="{csrf}">
              <label for="list">{L(http, "名单文件（CSV 或 XLSX：第一列证书编号，第二列姓名）", "List (CSV or XLSX: certificate number, then name)")}</label>
              <input id="list" name="list" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required>
              <button type="submit">{L(http, "上传并核验", "Upload and check")}</button>
            </form>
            """);
    }

    private static IResult Render(HttpContext http, string title, Html body, int status = 200)
    {
        var english = English(http);
        var other = english ? "?lang=zh" : "?lang=en";
        var page = H($"""
            <!doctype html>
            <html lang="{(english ? "en" : "zh-CN")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · {L(http, "安全技能台账", "Safety-skills ledger")}</title>
            <link rel="stylesheet" href="/console/console.css">
            </head>
            <body class="public">
            <header class="top">
              <a class="brand" href="{Path}{(english ? "?lang=en" : "")}">{L(http, "特种作业操作证查询", "Special-operation certificate check")}</a>
              <div class="session"><a class="lang" href="{Path}{other}" lang="{(english ? "zh-CN" : "en")}">{(english ? "中文" : "English")}</a></div>
            </header>
            <main id="main" tabindex="-1">
            <h1>{title}</h1>
            {body}
            </main>
            </body>
            </html>
            """);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(page.Value, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static bool IsXlsx(byte[] bytes) => bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K';

    /// <summary>UTF-8 (with or without BOM), or GBK/GB18030 as Excel writes CSV on a Chinese Windows.</summary>
    private static List<(int, string, string)> ReadCsv(byte[] bytes)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            text = Encoding.GetEncoding("GB18030").GetString(bytes);
        }
        var rows = new List<(int, string, string)>();
        using var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var line = 0;
        while (reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is { } record)
        {
            line++;
            if (record.Error is not null) throw new InvalidDataException(record.Error);
            Add(rows, line, record.Fields);
        }
        return rows;
    }

    private static List<(int, string, string)> ReadXlsx(MemoryStream bytes)
    {
        bytes.Position = 0;
        using var document = SpreadsheetDocument.Open(bytes, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var sheet = workbook.WorksheetParts.FirstOrDefault() ?? throw new InvalidDataException("no sheet");
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var rows = new List<(int, string, string)>();
        foreach (var row in sheet.Worksheet.Descendants<Row>())
        {
            var cells = row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.SharedString && int.TryParse(c.CellValue?.Text, out var i) && i < shared.Count ? shared[i]
                : c.DataType?.Value == CellValues.InlineString ? c.InlineString?.InnerText ?? "" : c.CellValue?.Text ?? "").ToArray();
            Add(rows, (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1)), cells);
        }
        return rows;
    }

    private static void Add(List<(int, string, string)> rows, int line, string[] fields)
    {
        if (fields.Length == 0 || fields.All(string.IsNullOrWhiteSpace)) return;
        var number = fields[0].Trim();
        var name = fields.Length > 1 ? fields[1].Trim() : "";
        // A header row names its columns; it is not a certificate to check.
        if (rows.Count == 0 && (number.Contains("编号", StringComparison.Ordinal) || number.Equals("number", StringComparison.OrdinalIgnoreCase))) return;
        rows.Add((line, number, name));
    }
}
