using Ledger.Domain.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Ledger.Api.Http;

/// <summary>
/// Problem details in the caller's language. Every problem carries a machine-readable <c>code</c> (and <c>ruleId</c> for a
/// rule's refusal) whatever the language. A caller asking for Chinese (Accept-Language: zh…, as the console and a Chinese
/// browser do) gets the title, detail, next step and field messages in Chinese, the English texts kept beside them
/// (titleEn, detailEn). A call without Accept-Language, or asking for English, is answered in English as before: that is
/// the API's contract with the clients written against it.
/// </summary>
public static class ProblemLanguage
{
    public static bool WantsChinese(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages) || languages.Count == 0) return false;
        var first = languages.OrderByDescending(l => l.Quality ?? 1).First().Value.Value ?? "";
        return first.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The caller's first language is English (en…): files and printable pages, Chinese by default, follow it.</summary>
    public static bool WantsEnglish(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages) || languages.Count == 0) return false;
        var first = languages.OrderByDescending(l => l.Quality ?? 1).First().Value.Value ?? "";
        return first.StartsWith("en", StringComparison.OrdinalIgnoreCase);
    }

    public static void Localize(ProblemDetailsContext context)
    {
        var details = context.ProblemDetails;
        var status = details.Status ?? context.HttpContext.Response.StatusCode;
        var ruleId = details.Extensions.TryGetValue("ruleId", out var r) ? r?.ToString() : null;
        var code = details.Extensions.TryGetValue("code", out var c) ? c?.ToString() : null;
        if (code is null)
        {
            code = status switch
            {
                400 => "invalid-fields",
                404 => "not-found",
                409 when details.Title == "Stale version" => "stale-version",
                409 when details.Title == "Already recorded" => "already-recorded",
                409 => "conflict",
                422 when ruleId is not null => "rule-violation",
                429 => "too-many-requests",
                _ => null,
            };
            if (code is not null) details.Extensions["code"] = code;
        }
        if (!WantsChinese(context.HttpContext.Request)) return;

        context.HttpContext.Response.Headers.ContentLanguage = "zh-CN";
        if (details.Title is not null) details.Extensions["titleEn"] = details.Title;
        if (details.Detail is not null) details.Extensions["detailEn"] = details.Detail;
        if (ruleId is not null)
        {
            var rule = DisplayNames.Rule(ruleId);
            details.Title = "业务规则不允许此操作";
            details.Detail = $"{rule.TitleZh}（规则 {ruleId}）";
            details.Extensions["next"] = rule.NextZh;
        }
        else
        {
            var text = ProblemTexts.For(status, code, english: false);
            details.Title = text.Title;
            // What is wrong is the title (and each field's message); the detail says what to do about it.
            details.Detail = text.Next;
            details.Extensions["next"] = text.Next;
        }
        if (details is HttpValidationProblemDetails validation)
        {
            foreach (var key in validation.Errors.Keys.ToList())
            {
                var english = validation.Errors[key];
                validation.Errors[key] = english.Select(ProblemTexts.FieldMessageZh).ToArray();
            }
        }
    }
}
