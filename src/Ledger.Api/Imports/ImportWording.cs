using System.Text.RegularExpressions;

namespace Ledger.Api.Imports;

/// <summary>
/// The import's columns and refusals in the words of the officials who fill the files in: each column's Chinese name (the
/// templates' header, also accepted on upload) and each row refusal's reason in Chinese, beside the English message.
/// </summary>
public static partial class ImportWording
{
    public static readonly IReadOnlyDictionary<string, string> Columns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["class_id"] = "培训班编号",
        ["session_id"] = "课次编号",
        ["id_number"] = "身份证号码",
        ["hours"] = "学时",
        ["face_checks"] = "人脸核验次数",
        ["face_passed"] = "人脸核验通过次数",
        ["face_provider"] = "人脸核验服务商",
        ["late_entry_reason"] = "补录原因",
        ["certificate_number"] = "证书编号",
        ["name"] = "姓名",
        ["kind"] = "证书类别",
        ["work_type"] = "作业类别",
        ["industry"] = "行业",
        ["exam_point"] = "考核点",
        ["exam_date"] = "考试日期",
        ["pass_date"] = "合格日期",
        ["issued_on"] = "发证日期",
        ["issuing_authority"] = "发证机关",
        ["valid_from"] = "有效期起",
        ["valid_until"] = "有效期至",
        ["row"] = "整行",
    };

    /// <summary>What to write in each column, for the templates' instructions.</summary>
    public static readonly IReadOnlyDictionary<string, string> Hints = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["class_id"] = "培训班在台账中的编号（UUID），见培训班页面",
        ["session_id"] = "该培训班课次的编号（UUID）",
        ["id_number"] = "18 位居民身份证号码；请将该列设为“文本”格式，以免 Excel 改成科学计数",
        ["hours"] = "本课次计入的学时，如 2 或 1.5（大于 0，不超过 24）",
        ["face_checks"] = "线上课次的人脸核验次数；线下课次留空",
        ["face_passed"] = "其中通过的次数；线下课次留空",
        ["face_provider"] = "人脸核验服务商名称；线下课次留空",
        ["late_entry_reason"] = "课次日期早于 30 天时必填（NAT-ARC-01），其他留空",
        ["certificate_number"] = "证书编号",
        ["name"] = "持证人姓名，须与登记的一致",
        ["kind"] = "special-operation（特种作业操作证）、safety-qualification（安全生产知识和管理能力考核合格证）或 vocational-qualification（职业资格证书）",
        ["work_type"] = "作业类别代码，如 electrical.low-voltage（低压电工作业）；安全资格证留空",
        ["industry"] = "行业代码，如 hazardous-chemicals；特种作业操作证留空",
        ["exam_point"] = "考核点名称",
        ["exam_date"] = "考试日期，格式 2026-02-02",
        ["pass_date"] = "合格日期，格式 2026-02-02",
        ["issued_on"] = "发证日期，格式 2026-02-04",
        ["issuing_authority"] = "发证机关全称",
        ["valid_from"] = "有效期起始日，格式 2026-02-04",
        ["valid_until"] = "有效期截止日；特种作业操作证留空（按规定计算）",
    };

    /// <summary>A header cell as a column code: the code itself, its Chinese name, or both as in the templates ("学时(hours)").</summary>
    public static string ColumnCode(string header)
    {
        var name = header.Trim().TrimStart('\uFEFF');
        var open = name.IndexOfAny(['(', '（']);
        if (open > 0 && (name.EndsWith(')') || name.EndsWith('）')))
        {
            var inner = name[(open + 1)..^1].Trim().ToLowerInvariant();
            if (Columns.ContainsKey(inner)) return inner;
            name = name[..open].Trim();
        }
        foreach (var (code, chinese) in Columns)
            if (chinese == name) return code;
        return name.ToLowerInvariant();
    }

    /// <summary>The header the templates carry: the Chinese name with the code, so either reading of the file works.</summary>
    public static string TemplateHeader(string code) => $"{Columns[code]}({code})";

    public static string ColumnZh(string field) => Columns.TryGetValue(field, out var zh) ? zh : field;

    private static readonly (Regex Pattern, string Zh)[] Reasons =
    [
        (Fixed("must be a UUID such as 0198c4f2-7a1e-7b3c-9d2e-4f5a6b7c8d9e"), "须为台账编号（UUID），如 0198c4f2-7a1e-7b3c-9d2e-4f5a6b7c8d9e"),
        (Fixed("must be a number of hours such as 2 or 1.5"), "须为学时数，如 2 或 1.5"),
        (Fixed("must be more than 0 and at most 24"), "须大于 0 且不超过 24"),
        (Fixed("must be at most 500 characters"), "不得超过 500 字"),
        (Fixed("must be a whole number of face checks (0 to 10000) when any face column is given"), "填写任一人脸核验列时，核验次数须为 0 到 10000 的整数"),
        (Fixed("must be a whole number of passed face checks when any face column is given"), "填写任一人脸核验列时，通过次数须为整数"),
        (Fixed("cannot exceed face_checks"), "通过次数不能多于核验次数"),
        (Fixed("names the face verification provider (at most 100 characters) when any face column is given"), "填写任一人脸核验列时，须写明人脸核验服务商（不超过 100 字）"),
        (Fixed("no training class has this id"), "台账中没有此编号的培训班"),
        (Fixed("is a class of another provider or jurisdiction than the importing actor's"), "该培训班属于其他培训机构或辖区，本单位不能导入"),
        (Fixed("is not a session of this class"), "不是该培训班的课次"),
        (Fixed("no trainee of this class has this ID number: register and enrol the person in the class first"), "该培训班没有此身份证号码的学员：请先登记人员并编入该班"),
        (new Regex(@"^face checks belong to online sessions"), "人脸核验只适用于线上课次：此课次请将人脸核验各列留空"),
        (Fixed("is required and at most 50 characters"), "必填，且不超过 50 字"),
        (Fixed("no person is registered with this ID number"), "台账中没有登记此身份证号码的人员：请先登记"),
        (Fixed("does not match the name registered for this ID number"), "与该身份证号码登记的姓名不一致"),
        (Fixed("is already recorded for another person"), "此证书编号已记在他人名下"),
        (new Regex(@"^is not valid UTF-8 text"), "含有无法识别的文字（文件编码不是 UTF-8）：" + ImportFiles.EncodingFixZh),
        (new Regex(@"^has (\d+) fields; the header has (\d+)$"), "本行有 $1 列，表头有 $2 列"),
        (new Regex(@"^a quoted field is not closed"), "引号未闭合：请检查本行的英文双引号"),
        (new Regex(@"check character", RegexOptions.IgnoreCase), "身份证号码校验位不正确，请核对号码"),
        (new Regex(@"birth date", RegexOptions.IgnoreCase), "身份证号码中的出生日期不正确，请核对号码"),
        (new Regex(@"18 (characters|digits)", RegexOptions.IgnoreCase), "身份证号码须为 18 位"),
        (new Regex(@"^(?:.*)\(([A-Z]{2,4}(?:-[A-Z0-9]+)+)\)$"), "不符合规则 $1：$0"),
        (new Regex(@"(date|yyyy-MM-dd)", RegexOptions.IgnoreCase), "日期不正确：请按 2026-02-04 的格式填写（$0）"),
    ];

    private static Regex Fixed(string text) => new("^" + Regex.Escape(text) + "$");

    /// <summary>The Chinese reason for a row refusal; a message without a translation keeps its English words after a Chinese lead.</summary>
    public static string ReasonZh(string message)
    {
        foreach (var (pattern, zh) in Reasons)
        {
            var match = pattern.Match(message);
            if (match.Success) return match.Result(zh);
        }
        return "本行不能导入：" + message;
    }
}
