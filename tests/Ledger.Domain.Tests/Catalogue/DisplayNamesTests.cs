using System.Reflection;
using System.Text.RegularExpressions;
using Ledger.Domain.Actors;
using Ledger.Domain.Catalogue;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Employment;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Shouldly;

namespace Ledger.Domain.Tests.Catalogue;

/// <summary>The catalogue of display names (issue 15): every code the ledger stores has a name an official reads.</summary>
public sealed partial class DisplayNamesTests
{
    [Theory]
    [InlineData("tj-jizhou", "天津市蓟州区", "Jizhou District, Tianjin Municipality")]
    [InlineData("sd-jining-qufu", "山东省济宁市曲阜市", "Qufu City (county-level), Jining City, Shandong Province")]
    [InlineData("hlj", "黑龙江省", "Heilongjiang Province")]
    [InlineData("cn", "全国", "National (PRC)")]
    public void a_jurisdiction_is_named_in_full_from_its_chain(string code, string zh, string en) =>
        DisplayNames.Jurisdiction(code).ShouldBe(new DisplayName(zh, en));

    [Fact]
    public void work_types_carry_their_names_in_the_national_special_operation_catalogue()
    {
        DisplayNames.WorkType("electrical.low-voltage").Zh.ShouldBe("低压电工作业");
        DisplayNames.WorkType("hazardous-chemical.chlorination").Zh.ShouldBe("氯化工艺作业");
        // Every work-type code the policy packs name is in the catalogue, not shown as its code.
        using var packs = typeof(PolicyCatalog).Assembly.GetManifestResourceStream(
            typeof(PolicyCatalog).Assembly.GetManifestResourceNames().Single(n => n.EndsWith("policy-packs.json", StringComparison.Ordinal)))!;
        var text = new StreamReader(packs).ReadToEnd();
        var codes = WorkTypeCode().Matches(text).Select(m => m.Groups[1].Value).Where(c => CertificateCatalog.Default.Categories.Any(k => c.StartsWith(k.Code + ".", StringComparison.Ordinal))).Distinct().ToList();
        foreach (var code in codes) DisplayNames.WorkType(code).Zh.ShouldNotBe(code, code);
    }

    [Fact]
    public void every_rule_id_the_domain_names_has_a_title_in_chinese_and_a_next_step()
    {
        var ids = typeof(DisplayNames).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => RuleId().IsMatch(v))
            .Distinct().ToList();
        ids.Count.ShouldBeGreaterThan(30);
        foreach (var id in ids)
        {
            var rule = DisplayNames.Rule(id);
            rule.TitleZh.ShouldNotBe("业务规则不允许此操作", id);
            Han().IsMatch(rule.TitleZh).ShouldBeTrue(id);
            Han().IsMatch(rule.NextZh).ShouldBeTrue(id);
        }
    }

    [Fact]
    public void every_value_of_the_enums_officials_see_has_a_chinese_name()
    {
        foreach (var v in Enum.GetValues<EducationLevel>()) Han().IsMatch(DisplayNames.Education(v).Zh).ShouldBeTrue(v.ToString());
        foreach (var v in Enum.GetValues<EmploymentRelation>()) Han().IsMatch(DisplayNames.Relation(v).Zh).ShouldBeTrue(v.ToString());
        foreach (var v in Enum.GetValues<TrainingKind>()) Han().IsMatch(DisplayNames.Training(v).Zh).ShouldBeTrue(v.ToString());
        foreach (var v in Enum.GetValues<ClaimStage>()) Han().IsMatch(DisplayNames.Stage(v).Zh).ShouldBeTrue(v.ToString());
        foreach (var v in Enum.GetValues<SubsidyKind>()) Han().IsMatch(DisplayNames.Subsidy(v).Zh).ShouldBeTrue(v.ToString());
        foreach (var v in Enum.GetValues<CertificateStatus>()) Han().IsMatch(DisplayNames.Certificate(v).Zh).ShouldBeTrue(v.ToString());
        foreach (var v in Enum.GetValues<ActorRole>()) Han().IsMatch(DisplayNames.Role(v).Zh).ShouldBeTrue(v.ToString());
        DisplayNames.Training("new-hire-induction").Zh.ShouldBe("新上岗人员岗前培训");
        DisplayNames.Bureau(ActorRole.HrBureau, "hlj").Zh.ShouldBe("黑龙江省人社部门");
    }

    [Theory]
    [InlineData("is required")]
    [InlineData("is at most 40 characters")]
    [InlineData("cannot exceed the denominator")]
    [InlineData("JZ owes JZ-RPT-01 first-half (yyyy-H1), from 2020-04-02")]
    [InlineData("something no pattern knows")]
    public void every_field_message_reads_in_chinese(string english)
    {
        var zh = ProblemTexts.FieldMessageZh(english);
        Han().IsMatch(zh).ShouldBeTrue(zh);
        zh.ShouldNotContain("cannot");
        zh.ShouldNotContain("owes");
    }

    [Theory]
    [InlineData("Check character does not match (GB 32100).", "统一社会信用代码无效，请核对 18 位代码")]
    [InlineData("Unified social credit code must be 18 characters long, not 17.", "统一社会信用代码无效，请核对 18 位代码")]
    [InlineData("Check character does not match (GB 11643).", "身份证号无效，请核对 18 位号码及校验位")]
    [InlineData("is not a valid resident ID number: the check character is wrong", "身份证号无效，请核对 18 位号码及校验位")]
    [InlineData("cannot be later than today", "不能晚于今天")]
    public void a_credit_code_s_check_character_is_not_called_an_id_number(string english, string chinese) =>
        ProblemTexts.FieldMessageZh(english).ShouldBe(chinese);

    [GeneratedRegex("\"([a-z-]+\\.[a-z-]+)\"")]
    private static partial Regex WorkTypeCode();

    [GeneratedRegex("^(NAT|HLJ|JZ|TZ|QF|NN|FR)-([A-Z]{3}-)?[0-9]{2}$")]
    private static partial Regex RuleId();

    [GeneratedRegex("[\u4e00-\u9fff]")]
    private static partial Regex Han();
}
