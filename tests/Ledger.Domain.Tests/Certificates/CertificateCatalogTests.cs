using System.Text;
using Ledger.Domain.Certificates;
using Shouldly;

namespace Ledger.Domain.Tests.Certificates;

public sealed class CertificateCatalogTests
{
    private static readonly CertificateCatalog Catalog = CertificateCatalog.Default;

    [Fact]
    public void special_operation_certificates_are_valid_6_years_with_review_every_3_per_rules_6_4()
    {
        var kind = Catalog.FindKind(CertificateKindCodes.SpecialOperation).ShouldNotBeNull();

        kind.NameZh.ShouldBe("特种作业操作证");
        kind.ValidityYears.ShouldBe(6);
        kind.ReviewIntervalYears.ShouldBe(3);
        kind.RequiresWorkType.ShouldBeTrue();
        kind.RequiresIndustry.ShouldBeFalse();
    }

    [Fact]
    public void safety_qualification_defaults_to_3_years_without_review_and_is_issued_per_industry()
    {
        var kind = Catalog.FindKind(CertificateKindCodes.SafetyQualification).ShouldNotBeNull();

        kind.NameZh.ShouldBe("安全生产知识和管理能力考核合格证");
        kind.ValidityYears.ShouldBe(3);
        kind.ReviewIntervalYears.ShouldBeNull();
        kind.RequiresIndustry.ShouldBeTrue();
        kind.RequiresWorkType.ShouldBeFalse();
        kind.Basis.ShouldStartWith("[I]");   // rules.md 6.14: not confirmed, keep configurable
    }

    [Fact]
    public void vocational_qualification_does_not_expire_by_default()
    {
        var kind = Catalog.FindKind(CertificateKindCodes.VocationalQualification).ShouldNotBeNull();

        kind.ValidityYears.ShouldBeNull();
        kind.ReviewIntervalYears.ShouldBeNull();
    }

    [Fact]
    public void the_catalog_holds_exactly_the_three_kinds() =>
        Catalog.Kinds.Select(k => k.Code).ShouldBe(
            [CertificateKindCodes.SpecialOperation, CertificateKindCodes.SafetyQualification, CertificateKindCodes.VocationalQualification],
            ignoreOrder: true);

    [Fact]
    public void every_work_type_code_is_unique() =>
        Catalog.WorkTypes.Select(w => w.Code).ShouldBeUnique();

    [Fact]
    public void every_work_type_belongs_to_a_listed_category_and_carries_its_prefix()
    {
        var categories = Catalog.Categories.Select(c => c.Code).ToHashSet();

        foreach (var workType in Catalog.WorkTypes)
        {
            categories.ShouldContain(workType.Category);
            workType.Code.ShouldStartWith(workType.Category + ".");
        }
    }

    [Fact]
    public void every_hazardous_chemical_work_type_requires_senior_secondary_per_jz_edu_01()
    {
        var hazardous = Catalog.WorkTypes.Where(w => w.Category == "hazardous-chemical").ToList();

        hazardous.Count.ShouldBe(16);
        hazardous.ShouldAllBe(w => w.RequiresSeniorSecondary);
    }

    [Fact]
    public void only_hazardous_chemical_work_types_require_senior_secondary_for_everyone() =>
        Catalog.WorkTypes.Where(w => w.RequiresSeniorSecondary).ShouldAllBe(w => w.Category == "hazardous-chemical");

    [Fact]
    public void coal_mine_work_types_require_senior_secondary_for_new_applicants_per_hlj_edu_01()
    {
        var coal = Catalog.WorkTypes.Where(w => w.Category == "coal-mine").ToList();

        coal.Count.ShouldBe(10);
        coal.ShouldAllBe(w => w.RequiresSeniorSecondaryForNewApplicants && !w.RequiresSeniorSecondary);
        Catalog.WorkTypes.Where(w => w.RequiresSeniorSecondaryForNewApplicants).ShouldAllBe(w => w.Category == "coal-mine");
    }

    [Fact]
    public void low_voltage_electrical_work_is_found_by_code()
    {
        var workType = Catalog.FindWorkType("electrical.low-voltage").ShouldNotBeNull();

        workType.NameZh.ShouldBe("低压电工作业");
        workType.Category.ShouldBe("electrical");
        workType.RequiresSeniorSecondary.ShouldBeFalse();
    }

    [Theory]
    [InlineData("electrical.medium-voltage")]
    [InlineData("Electrical.Low-Voltage")]   // codes are stored in events verbatim, so no case folding
    [InlineData("low-voltage")]
    [InlineData("")]
    public void unknown_work_type_codes_are_not_found(string code) =>
        Catalog.FindWorkType(code).ShouldBeNull();

    [Fact]
    public void unknown_kind_codes_are_not_found() =>
        Catalog.FindKind("driving-licence").ShouldBeNull();

    [Theory]
    [InlineData("electrical", "高压电工作业")]
    [InlineData("electrical", "防爆电气作业")]
    [InlineData("welding", "熔化焊接与热切割作业")]
    [InlineData("welding", "压力焊作业")]
    [InlineData("welding", "钎焊作业")]
    [InlineData("height", "登高架设作业")]
    [InlineData("height", "高处安装、维护、拆除作业")]
    [InlineData("refrigeration", "制冷与空调设备运行操作作业")]
    [InlineData("refrigeration", "制冷与空调设备安装修理作业")]
    [InlineData("coal-mine", "煤矿井下电气作业")]
    [InlineData("coal-mine", "煤矿瓦斯检查作业")]
    [InlineData("coal-mine", "煤矿安全检查作业")]
    [InlineData("coal-mine", "煤矿探放水作业")]
    [InlineData("metal-nonmetal-mine", "金属非金属矿井通风作业")]
    [InlineData("metal-nonmetal-mine", "尾矿作业")]
    [InlineData("metal-nonmetal-mine", "金属非金属矿山安全检查作业")]
    [InlineData("metal-nonmetal-mine", "金属非金属矿山提升机操作作业")]
    [InlineData("metal-nonmetal-mine", "金属非金属矿山支柱作业")]
    [InlineData("metal-nonmetal-mine", "金属非金属矿山排水作业")]
    [InlineData("metal-nonmetal-mine", "金属非金属矿山爆破作业")]
    [InlineData("oil-gas", "司钻作业")]
    [InlineData("metallurgy", "煤气作业")]
    [InlineData("hazardous-chemical", "光气及光气化工艺作业")]
    [InlineData("hazardous-chemical", "裂解（裂化）工艺作业")]
    [InlineData("hazardous-chemical", "化工自动化控制仪表作业")]
    [InlineData("fireworks", "烟火药制造作业")]
    [InlineData("fireworks", "黑火药制造作业")]
    [InlineData("fireworks", "引火线制造作业")]
    [InlineData("fireworks", "烟花爆竹产品涉药作业")]
    [InlineData("fireworks", "烟花爆竹储存作业")]
    public void the_national_catalogue_work_types_are_listed_under_their_category(string category, string nameZh) =>
        Catalog.WorkTypes.ShouldContain(w => w.NameZh == nameZh && w.Category == category);

    [Fact]
    public void the_ten_special_operation_categories_of_order_30_are_listed() =>
        Catalog.Categories.Select(c => c.NameZh).ShouldBe(
            ["电工作业", "焊接与热切割作业", "高处作业", "制冷与空调作业", "煤矿安全作业", "金属非金属矿山安全作业",
             "石油天然气安全作业", "冶金（有色）生产安全作业", "危险化学品安全作业", "烟花爆竹安全作业"]);

    [Fact]
    public void safety_qualification_industries_are_listed() =>
        Catalog.Industries.ShouldBe(
            ["hazardous-chemicals", "coal-mine", "metal-nonmetal-mine", "metal-smelting", "fireworks", "oil-gas", "other"]);

    [Fact]
    public void every_name_is_filled_in_both_languages()
    {
        Catalog.Kinds.ShouldAllBe(k => k.NameZh.Length > 0 && k.NameEn.Length > 0);
        Catalog.Categories.ShouldAllBe(c => c.NameZh.Length > 0 && c.NameEn.Length > 0);
        Catalog.WorkTypes.ShouldAllBe(w => w.NameZh.Length > 0 && w.NameEn.Length > 0);
    }

    [Fact]
    public void load_reads_a_minimal_catalog()
    {
        var catalog = Load(Minimal());

        catalog.FindWorkType("electrical.low-voltage").ShouldNotBeNull().RequiresSeniorSecondaryForNewApplicants.ShouldBeFalse();
        catalog.FindKind("special-operation").ShouldNotBeNull().ValidityYears.ShouldBe(6);
    }

    [Theory]
    [InlineData("\"category\": \"electrical\"", "\"category\": \"electric\"", "unknown category")]
    [InlineData("\"code\": \"electrical.low-voltage\"", "\"code\": \"electrical.Low-Voltage\"", "kebab-case name")]
    [InlineData("\"code\": \"electrical.low-voltage\"", "\"code\": \"welding.low-voltage\"", "must be 'electrical.'")]
    [InlineData("\"code\": \"special-operation\"", "\"code\": \"Special Operation\"", "not kebab-case")]
    [InlineData("\"requiresSeniorSecondary\": false", "\"requiresSeniorSecondry\": false", "malformed")]
    [InlineData("\"validityYears\": 6,", "", "malformed")]
    [InlineData("\"nameZh\": \"低压电工作业\"", "\"nameZh\": null", "malformed")]
    [InlineData("\"validityYears\": 6", "\"validityYears\": 0", "validity 0")]
    [InlineData("\"reviewIntervalYears\": 3", "\"reviewIntervalYears\": 7", "review interval 7")]
    [InlineData("\"industries\": [\"oil-gas\"]", "\"industries\": [\"oil-gas\", \"oil-gas\"]", "more than once")]
    [InlineData("\"industries\": [\"oil-gas\"]", "\"industries\": [null]", "null entry")]
    public void load_refuses_inconsistent_data(string find, string replace, string expected)
    {
        var json = Minimal();
        json.ShouldContain(find);

        Should.Throw<InvalidDataException>(() => Load(json.Replace(find, replace))).Message.ShouldContain(expected);
    }

    [Fact]
    public void load_refuses_a_duplicate_work_type_code()
    {
        var json = Minimal().Replace("\"code\": \"electrical.high-voltage\"", "\"code\": \"electrical.low-voltage\"");

        Should.Throw<InvalidDataException>(() => Load(json)).Message.ShouldContain("more than once");
    }

    private static string Minimal() => """
        {
          "source": "test",
          "kinds": [
            { "code": "special-operation", "nameZh": "特种作业操作证", "nameEn": "Special operation certificate",
              "validityYears": 6, "reviewIntervalYears": 3, "requiresWorkType": true, "requiresIndustry": false, "basis": "test" }
          ],
          "categories": [ { "code": "electrical", "nameZh": "电工作业", "nameEn": "Electrical work" } ],
          "workTypes": [
            { "code": "electrical.low-voltage", "nameZh": "低压电工作业", "nameEn": "Low-voltage", "category": "electrical", "requiresSeniorSecondary": false },
            { "code": "electrical.high-voltage", "nameZh": "高压电工作业", "nameEn": "High-voltage", "category": "electrical", "requiresSeniorSecondary": false }
          ],
          "industries": ["oil-gas"]
        }
        """;

    private static CertificateCatalog Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return CertificateCatalog.Load(stream);
    }
}
