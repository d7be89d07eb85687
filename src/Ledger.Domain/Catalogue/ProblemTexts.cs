using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Domain.Obligations;

namespace Ledger.Domain.Catalogue;

/// <summary>What went wrong and what to do next, in words an official acts on.</summary>
public sealed record ProblemText(string Title, string Next);

/// <summary>
/// Chinese texts of every refusal the ledger gives (problem details and console error pages): each says what is wrong
/// and what to do next. The API's machine-readable codes (status, code, ruleId, the field path) stay beside them.
/// </summary>
public static partial class ProblemTexts
{
    /// <summary>The refusal by HTTP status and, where the API names one, its code.</summary>
    public static ProblemText For(int status, string? code, bool english) => (status, code) switch
    {
        (_, "database-unavailable") => T(english, "台账数据库暂不可用", "请稍后重试。", "The ledger's database is unavailable", "Try again shortly."),
        (_, "actor-required") => T(english, "请先登录", "请登录后再操作。", "Sign in first", "Sign in, then try again."),
        (_, "role-not-permitted") => T(english, "您的角色无权进行此操作", "请以有权限的角色登录。", "Your role may not do this", "Sign in with a role that may."),
        (_, "out-of-scope") => T(english, "超出您的管辖或单位范围", "请选择您所辖范围内的辖区或单位。", "Outside your scope", "Choose a jurisdiction or organisation within your own scope."),
        (_, "idempotency-key-reused") => T(english, "该请求编号已用于另一项请求", "请为新请求使用新的编号。", "The Idempotency-Key was already used for a different request", "Send a new key for a new request."),
        (_, "idempotency-key-in-use") => T(english, "相同编号的请求仍在处理中", "请稍候刷新查看结果，不要重复提交。", "A request with this Idempotency-Key is still being processed", "Wait, then look at the result; do not send it again."),
        (_, "cross-site-request") => T(english, "请求来自其他网站，已拒绝", "请从台账页面重新操作。", "A request from another site was refused", "Do it again from the ledger's own page."),
        (_, "json-required") => T(english, "请求格式不正确", "请以 JSON 格式提交。", "The request must be JSON", "Send the body as JSON."),
        (_, "retired-identity-key") => T(english, "个人信息加密密钥已停用，暂时无法读取", "请联系系统管理员恢复密钥后重试。", "Personal data is sealed under a key this ledger no longer holds", "Ask the administrator to restore the key, then retry."),
        (400, _) => T(english, "填写的内容有误", "请按提示更正标出的字段后重新提交。", "The request has invalid fields", "Correct the fields named and submit again."),
        (401, _) => T(english, "登录已失效", "请重新登录后再试。", "Sign in first", "Sign in again, then retry."),
        (403, _) => T(english, "无权进行此操作", "请以有权限的角色登录，或选择您所辖范围内的记录。", "Not permitted", "Sign in with a role that may, or choose a record within your scope."),
        (404, _) => T(english, "未找到该记录", "请核对编号或链接后重试；记录可能不在您的管辖或单位范围内。", "Not found", "Check the number or link; the record may also lie outside your scope."),
        (409, "stale-version") => T(english, "记录已被他人更新", "请刷新页面，在最新记录上重新操作。", "Stale version", "Reload and make the change on the latest record."),
        (409, "already-recorded") => T(english, "该记录已经登记过", "无需重复登记；请打开已有记录。", "Already recorded", "Nothing to do again: open the existing record."),
        (409, _) => T(english, "与台账已有记录冲突", "请刷新页面核对后重试。", "Conflicts with what is recorded", "Reload, check and try again."),
        (422, _) => T(english, "业务规则不允许此操作", "请按规则要求处理后重试。", "A business rule refused the request", "Do what the rule requires, then try again."),
        (429, _) => T(english, "请求过于频繁", "请稍候再试。", "Too many requests", "Wait a moment and try again."),
        (503, _) => T(english, "台账服务暂不可用", "请稍后重试。", "The ledger is unavailable", "Try again shortly."),
        _ => T(english, "台账未能完成请求", "请稍后重试；如仍失败，请联系运维人员并提供追踪号。", "The ledger could not complete the request", "Try again later; if it keeps failing, give the operators the trace id."),
    };

    private static ProblemText T(bool english, string zh, string nextZh, string en, string nextEn) => english ? new(en, nextEn) : new(zh, nextZh);

    /// <summary>
    /// A field error in Chinese. The API writes its field errors in English for clients that parse them; this reads each
    /// shape it uses. A message it does not know still says that the field is wrong and to correct it.
    /// </summary>
    public static string FieldMessageZh(string message)
    {
        var m = message.Trim();
        if (m.StartsWith("is required", StringComparison.Ordinal)) return "必须填写";
        // A report period the programme does not owe: name the reports it does owe, by rule id and period, in Chinese.
        if (Owes().Match(m) is { Success: true } owes)
        {
            var owed = Regex.Matches(owes.Groups[1].Value, @"([A-Z]{2,4}-[A-Z]{2,4}-\d{2}) (\w+(?:-\w+)?)")
                .Select(o => $"{o.Groups[1].Value}（{Frequency(o.Groups[2].Value)}）");
            return $"该项目应报送的报表为 {string.Join("、", owed)}，自 {owes.Groups[2].Value} 起；请按其周期填写报告期（yyyy、yyyy-H1、yyyy-Q1 或 yyyy-MM）";
        }
        foreach (var (pattern, zh) in Patterns)
        {
            var match = pattern.Match(m);
            if (match.Success) return string.Format(CultureInfo.InvariantCulture, zh, match.Groups.Values.Skip(1).Select(g => (object)g.Value).ToArray());
        }
        return "填写有误，请按要求的格式更正";
    }

    [GeneratedRegex(@"^\w+ owes (.+), from (\S+)$")]
    private static partial Regex Owes();

    private static string Frequency(string word) => word switch
    {
        "yearly" => "按年度，yyyy",
        "first-half" => "按半年，yyyy-H1",
        "quarterly" => "按季度，yyyy-Q1 至 Q4",
        "monthly" => "按月，yyyy-MM",
        _ => word,
    };

    private static readonly (Regex Pattern, string Zh)[] Patterns =
    [
        (new Regex(@"^is at most (\d+) characters"), "最多 {0} 个字符"),
        (new Regex(@"^cannot exceed the denominator"), "不得超过分母（总人数）"),
        (new Regex(@"^must be one of"), "取值不在可选范围内，请从列表中选择"),
        (new Regex(@"^cannot exceed"), "超过了允许的数量，请核对"),
        (new Regex(@"^cannot be a future month"), "不能是将来的月份"),
        (new Regex(@"^cannot be later than today"), "不能晚于今天"),
        (new Regex(@"^cannot be negative"), "不得为负数"),
        (new Regex(@"^cannot precede"), "不能早于开始日期，请核对日期先后"),
        (new Regex(@"^is not a session of this class"), "不是本培训班的课程，请从列表中选择"),
        (new Regex(@"^is not a valid resident ID number"), "身份证号无效，请核对 18 位号码及校验位"),
        (new Regex(@"UTF-8"), "文件编码不正确，请以 UTF-8 编码另存后重新上传"),
        (new Regex(@"must not be null"), "必须填写"),
        (new Regex(@"empty UUID"), "请从列表中选择"),
        (new Regex(@"^must be between (\S+) and (\S+)"), "须在 {0} 至 {1} 之间"),
        (new Regex(@"^must be at least (\S+)"), "不得小于 {0}"),
        (new Regex(@"^must be (\d+) or more"), "不得小于 {0}"),
        (new Regex(@"^must be positive"), "须大于 0"),
        (new Regex(@"^must be a positive"), "须大于 0"),
        (new Regex(@"^must be zero or more"), "不得为负数"),
        (new Regex(@"^must be after (\w+)"), "须晚于开始日期"),
        (new Regex(@"^must be an 11-digit mainland mobile number"), "须为 11 位手机号码"),
        (new Regex(@"^must be (\d+) to (\d+) digits"), "须为 {0} 至 {1} 位数字"),
        (new Regex(@"^must be a time written HH:mm"), "时间格式为 时:分，例如 09:30"),
        (new Regex(@"date", RegexOptions.IgnoreCase), "日期格式为 yyyy-MM-dd，例如 2021-04-10"),
        (new Regex(@"yyyy-MM"), "月份格式为 yyyy-MM，例如 2021-04"),
        (new Regex(@"work type"), "不是国家特种作业目录中的工种，请从列表中选择"),
        (new Regex(@"jurisdiction"), "不是已登记的辖区，请从列表中选择"),
        (new Regex(@"kind"), "类别不正确，请从列表中选择"),
        (new Regex(@"education", RegexOptions.IgnoreCase), "学历不正确，请从列表中选择"),
        // A credit code's refusal names its check character too: it is matched before the ID number's.
        (new Regex(@"credit code|GB 32100", RegexOptions.IgnoreCase), "统一社会信用代码无效，请核对 18 位代码"),
        (new Regex(@"check (character|digit)|checksum|resident ID|ID number", RegexOptions.IgnoreCase), "身份证号无效，请核对 18 位号码及校验位"),
        (new Regex(@"control characters"), "含有不可见或控制字符，请删除后重新填写"),
        (new Regex(@"^must list"), "至少填写一项"),
        (new Regex(@"unique"), "不得重复"),
        (new Regex(@"UUID|\bid\b", RegexOptions.IgnoreCase), "请从列表中选择"),
        (new Regex(@"letters"), "只能包含文字、字母及常用符号"),
        (new Regex(@"sha256"), "须为 sha256: 加 64 位十六进制摘要"),
    ];

    /// <summary>An obligation's state in Chinese: what is owed, by when, and what to do.</summary>
    public static DisplayName Obligation(Obligation o)
    {
        var kind = DisplayNames.ObligationKind(o.Kind);
        var rule = DisplayNames.Rule(o.RuleId);
        var deadline = o.Deadline is { } d ? d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) : null;
        var zh = o.Status switch
        {
            ObligationStatus.Met => $"{kind.Zh}已履行。",
            ObligationStatus.Open => $"{kind.Zh}待履行{(deadline is null ? "" : $"，期限 {deadline}")}。{rule.NextZh}",
            _ => $"{kind.Zh}未按期履行{(deadline is null ? "" : $"（期限 {deadline}）")}。{rule.NextZh}",
        };
        return new(zh, o.Detail);
    }
}
