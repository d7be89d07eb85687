using NodaTime;

namespace Ledger.Domain.Reports;

/// <summary>
/// One source document's programme: the jurisdiction it binds, its window, and the day a "+20 percentage points" target is
/// measured from when no baseline was recorded ([I]: the documents name no baseline date, rules.md 7.1).
/// </summary>
/// <param name="Code">The rules.md jurisdiction code (JZ, TZ, HLJ, QF, NN).</param>
/// <param name="Jurisdiction">The ledger's jurisdiction code the programme binds.</param>
public sealed record ComplianceProgramme(string Code, string Jurisdiction, string NameZh, string NameEn, string Document, LocalDate From, LocalDate? Until)
{
    public LocalDate BaselineOn => From;

    public bool Overlaps(LocalDate from, LocalDate to) => to >= From && (Until is not { } until || from <= until);
}

public enum ThresholdKind
{
    /// <summary>At least this share of the population (1.0 = 100%).</summary>
    Share,
    /// <summary>The share rises by at least this many percentage points over the baseline (0.20 = 20 pp).</summary>
    RisePercentagePoints,
    /// <summary>The share rises by at least this fraction of the baseline share (0.20 = +20%).</summary>
    RiseRelative,
    /// <summary>At least this many (person-times).</summary>
    Count,
    /// <summary>The document names no number ("普遍"): the share is reported, not judged.</summary>
    Unquantified,
}

public sealed record TargetThreshold(ThresholdKind Kind, decimal Value, string Text);

/// <summary>What a target counts, each from ledger facts; <see cref="NotComputable"/> ones say why the ledger cannot.</summary>
public enum TargetMeasure
{
    /// <summary>On-post and new employees of high-risk enterprises trained and assessed before posting.</summary>
    TrainedBeforePosting,
    /// <summary>As <see cref="TrainedBeforePosting"/>, employees hired before the period only (HLJ-TGT-01).</summary>
    TrainedBeforePostingExisting,
    /// <summary>As <see cref="TrainedBeforePosting"/>, employees hired within the period only (HLJ-TGT-02).</summary>
    TrainedBeforePostingNewHires,
    SpecialOperationCertified,
    TeamLeadersTrained,
    TeamLeaderQualificationRise,
    CertificateShare,
    KeyPostUpgrade,
    KeyPostUpgradeWithCertificate,
    /// <summary>Person-times of special-operation training classes (part of the "three key post" count).</summary>
    PersonTimesSpecialOperation,
    /// <summary>Person-times of any training class attended by employees of high-risk enterprises.</summary>
    PersonTimesHighRisk,
    Participation,
    ExamTaking,
    ExamPass,
    SectorCoverage,
    NotComputable,
}

/// <summary>Which enterprises' employees a target counts.</summary>
public enum TargetPopulation
{
    HighRiskEnterprises,
    AllUnits,
    /// <summary>Only enterprises of the industries the target lists.</summary>
    Industries,
}

/// <param name="Variant">Distinguishes two readings of one rule (TZ-TGT-07) or the parts of one rule (QF-TGT-03, NN-TGT-01).</param>
/// <param name="Deadline">The date the document sets for the target, where it sets one.</param>
/// <param name="NotComputable">Why the ledger cannot compute it: the facts it would need are not recorded.</param>
/// <param name="Note">How the target was read, with [I] for interpretation and any disagreement between rules.md and the document.</param>
public sealed record ComplianceTarget(
    string RuleId,
    string? Variant,
    string Programme,
    string TextZh,
    string TextEn,
    TargetThreshold Threshold,
    TargetMeasure Measure,
    TargetPopulation Population,
    IReadOnlyList<string> Industries,
    LocalDate? Deadline,
    string? NotComputable,
    string? Note)
{
    public string Key => Variant is null ? RuleId : $"{RuleId}/{Variant}";
}

/// <summary>
/// The targets (TGT) of the five source documents as data, quoting each document; rules.md section 2 and 3.1, checked against
/// the texts in shared/source-documents (the document wins where they differ).
/// </summary>
public static class ComplianceCatalog
{
    private static readonly LocalDate End2021 = new(2021, 12, 31);
    private static readonly LocalDate End2020 = new(2020, 12, 31);

    public static readonly IReadOnlyList<ComplianceProgramme> Programmes =
    [
        new("JZ", "tj-jizhou", "天津市蓟州区", "Jizhou District, Tianjin", "000_47f799c357ee01cc.txt (2020-04-02)", new(2020, 4, 2), End2021),
        new("TZ", "zj-taizhou", "浙江省台州市", "Taizhou City, Zhejiang", "001_ff46289c202339f5.txt 台应急〔2020〕5号", new(2020, 1, 1), End2020),
        new("HLJ", "hlj", "黑龙江省", "Heilongjiang Province", "002_b72319b3dca4b513.txt 黑应急联〔规〕发〔2020〕1号", new(2020, 4, 3), End2021),
        new("QF", "sd-jining-qufu", "山东省曲阜市", "Qufu City, Shandong", "003_7862e7ee6cd0112c.txt 曲政办字〔2022〕26号", new(2022, 8, 18), null),
        new("NN", "gx-nanning", "广西南宁市", "Nanning City, Guangxi", "004_5bdc95e16ef25e95.txt (OCR-damaged; printed 2020-12-11)", new(2020, 12, 11), End2021),
    ];

    /// <summary>The programme by its rules.md code (JZ) or the ledger jurisdiction it binds (tj-jizhou), case-insensitive.</summary>
    public static ComplianceProgramme? Find(string? code) =>
        code is null ? null : Programmes.FirstOrDefault(p => string.Equals(p.Code, code.Trim(), StringComparison.OrdinalIgnoreCase)
                                                           || string.Equals(p.Jurisdiction, code.Trim(), StringComparison.OrdinalIgnoreCase));

    private static TargetThreshold All => new(ThresholdKind.Share, 1m, "100%");
    private static TargetThreshold AtLeast(decimal share) => new(ThresholdKind.Share, share, $"≥{share * 100:0}%");
    private static TargetThreshold Count(int n) => new(ThresholdKind.Count, n, $"{n:N0} 人次 person-times");

    private static readonly IReadOnlyList<string> None = [];

    private const string QualificationNote =
        "Qualified = a valid vocational-qualification/skill-level certificate (职业资格证书/职业技能等级证书) on the day, or education recorded as " +
        "secondary vocational (中职) or higher. [I] The ledger cannot tell whether the education was in a \"relevant specialty\" (相关专业), so any counts; " +
        "education is as currently recorded. Population: team leaders on post in high-risk enterprises.";

    private const string TrainedNote =
        "Counted when the employee has a passed training or post assessment (spot checks excluded) and no breached induction/retraining obligation " +
        "(JZ-TRN-01, HLJ-TRN-01, *-OFF-*) for the employment; a hire within the period must have passed on or before the hiring day (培训考核合格后上岗). " +
        "Population: employees on post in high-risk enterprises on the evaluation day.";

    private const string SpecialOpNote = "Counted from the FR-20 obligation: a valid certificate of the post's work type on the evaluation day. Population: employees on post in a special-operation post.";

    private const string NoRoleNote = "The ledger records posts (special operation, key post, team leader) but not the roles 主要负责人/安全总监/安全生产管理人员, so their population cannot be counted.";

    public static readonly IReadOnlyList<ComplianceTarget> Targets =
    [
        // Jizhou (000)
        new("JZ-TGT-01", null, "JZ", "高危企业在岗和新招录从业人员100%培训考核合格后上岗", "On-post and newly recruited employees of high-risk enterprises 100% trained and assessed before posting",
            All, TargetMeasure.TrainedBeforePosting, TargetPopulation.HighRiskEnterprises, None, null, null, TrainedNote),
        new("JZ-TGT-02", null, "JZ", "特种作业人员100%持证上岗", "Special-operation workers 100% certified on post",
            All, TargetMeasure.SpecialOperationCertified, TargetPopulation.HighRiskEnterprises, None, null, null, SpecialOpNote),
        new("JZ-TGT-03", null, "JZ", "高危企业班组长普遍接受安全技能提升培训", "Team leaders of high-risk enterprises generally receive safety-skills upgrading training",
            new(ThresholdKind.Unquantified, 0m, "普遍 (no number)"), TargetMeasure.TeamLeadersTrained, TargetPopulation.HighRiskEnterprises, None, End2021, null,
            "\"普遍\" is not quantified (rules.md 7.1), so the share is reported and not judged; JZ-TRN-06 separately requires every team leader rotation-trained by 2021-12-31."),
        new("JZ-TGT-04", null, "JZ", "班组长取得职业资格证书或职业技能等级证书或接受相关专业中职及以上学历教育的人员比例提高20个百分点",
            "Share of team leaders with a vocational qualification/skill-level certificate or relevant secondary-vocational-or-higher education up 20 percentage points",
            new(ThresholdKind.RisePercentagePoints, 0.20m, "+20 个百分点 pp"), TargetMeasure.TeamLeaderQualificationRise, TargetPopulation.HighRiskEnterprises, None, End2021, null,
            QualificationNote + " The document gives no baseline date (rules.md 7.1)."),
        new("JZ-TGT-05", null, "JZ", "化工危险化学品企业从业人员中取得职业资格证书或职业技能等级证书的比例达到30%以上",
            "At least 30% of employees of chemical/hazardous-chemicals enterprises hold a vocational qualification or skill-level certificate",
            AtLeast(0.30m), TargetMeasure.CertificateShare, TargetPopulation.Industries, ["hazardous-chemicals"], End2021, null,
            "Population: employees (on or off post) of hazardous-chemicals enterprises; counted: a valid vocational-qualification certificate on the day."),
        new("JZ-TRN-05", null, "JZ", "2021年底前安排30%以上的重点岗位职工完成职业技能晋级培训", "At least 30% of key-post employees complete skill-promotion training by end 2021",
            AtLeast(0.30m), TargetMeasure.KeyPostUpgrade, TargetPopulation.HighRiskEnterprises, None, End2021, null,
            "A training rule rather than a TGT one, reported with the targets because it is a share. Counted: key-post upgrade (晋级) training attended on or before the day."),
        new("JZ-TGT-06", null, "JZ", "遴选培育1个安全技能实训和特种作业实操考试示范基地、1家以上安全生产产教融合型企业", "1 demonstration base and at least 1 industry–education integration enterprise",
            new(ThresholdKind.Count, 1, "1 / ≥1"), TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2021,
            "The ledger holds no designation registry (demonstration bases, integration enterprises).", null),
        new("JZ-TGT-07", null, "JZ", "遴选1家安全技能培训示范企业", "1 safety-skills training demonstration enterprise",
            new(ThresholdKind.Count, 1, "1"), TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2021,
            "The ledger holds no designation registry (demonstration enterprises).", null),

        // Taizhou (001): year 2020, counted in person-times
        new("TZ-TGT-01", null, "TZ", "“三项岗位人员”培训2万人次", "\"Three key post\" personnel trained 20,000 person-times (2020)",
            Count(20000), TargetMeasure.PersonTimesSpecialOperation, TargetPopulation.HighRiskEnterprises, None, End2020, null,
            "Partial: only special-operation classes (initial and review refresher) are counted; " + NoRoleNote +
            " One person in one class is one person-time (rules.md 7.2 [I]); classes of the jurisdiction with attendance in the period."),
        new("TZ-TGT-02", null, "TZ", "高危行业企业安全技能提升培训3.2万人次", "Safety-skills upgrading training in high-risk enterprises 32,000 person-times (2020)",
            Count(32000), TargetMeasure.PersonTimesHighRisk, TargetPopulation.HighRiskEnterprises, None, End2020, null,
            "Person-times of any class of the jurisdiction attended in the period by persons then employed by a high-risk enterprise of the jurisdiction."),
        new("TZ-TGT-03", null, "TZ", "危险性较大企业主要负责人和安全管理人员培训1万人次", "Principals and safety managers of relatively high-hazard enterprises trained 10,000 person-times",
            Count(10000), TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2020, NoRoleNote + " \"危险性较大\" is not an enterprise attribute either.", null),
        new("TZ-TGT-04", null, "TZ", "生产加工型小微企业安全培训10万人次", "Safety training in small/micro manufacturing enterprises 100,000 person-times",
            Count(100000), TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2020,
            "Enterprises record an industry and whether they are above designated size, not whether they are small/micro manufacturing and processing units.", null),
        new("TZ-TGT-05", null, "TZ", "高危行业企业在岗和新招录从业人员100%培训考核合格后上岗", "On-post and newly recruited employees of high-risk enterprises 100% trained and assessed before posting",
            All, TargetMeasure.TrainedBeforePosting, TargetPopulation.HighRiskEnterprises, None, End2020, null, TrainedNote),
        new("TZ-TGT-06", null, "TZ", "特种作业人员100%持证上岗", "Special-operation workers of high-risk enterprises 100% certified on post",
            All, TargetMeasure.SpecialOperationCertified, TargetPopulation.HighRiskEnterprises, None, End2020, null, SpecialOpNote),
        new("TZ-TGT-07", "percentage-points", "TZ", "班组长取得职业资格证书或职业技能等级证书或接受相关专业中职及以上学历教育的人员比例提高20%以上",
            "Team-leader qualification share up 20% or more, read as +20 percentage points",
            new(ThresholdKind.RisePercentagePoints, 0.20m, "+20 个百分点 pp (reading 1)"), TargetMeasure.TeamLeaderQualificationRise, TargetPopulation.HighRiskEnterprises, None, End2020, null,
            QualificationNote + " \"20%以上\" is ambiguous (rules.md 7.2): both readings are shown until the issuer clarifies."),
        new("TZ-TGT-07", "relative", "TZ", "班组长取得职业资格证书或职业技能等级证书或接受相关专业中职及以上学历教育的人员比例提高20%以上",
            "Team-leader qualification share up 20% or more, read as a relative rise (baseline × 1.2)",
            new(ThresholdKind.RiseRelative, 0.20m, "×1.2 相对提高20% (reading 2)"), TargetMeasure.TeamLeaderQualificationRise, TargetPopulation.HighRiskEnterprises, None, End2020, null,
            QualificationNote + " \"20%以上\" is ambiguous (rules.md 7.2): both readings are shown until the issuer clarifies."),
        new("TZ-TGT-08", null, "TZ", "涉及危险工艺的重点岗位员工安排20%以上完成职业技能晋级培训，取得职业资格证书或职业技能等级证书",
            "At least 20% of key-post employees in posts involving hazardous processes complete skill-promotion training and obtain a certificate",
            AtLeast(0.20m), TargetMeasure.KeyPostUpgradeWithCertificate, TargetPopulation.HighRiskEnterprises, None, End2020, null,
            "[I] Posts are not marked as involving hazardous processes, so every key post of a high-risk enterprise is counted. Counted: key-post upgrade training attended and a valid vocational-qualification certificate."),
        new("TZ-TGT-09", null, "TZ", "高危行业企业从业人员取得职业资格证书或职业技能等级证书的比例达到30%以上",
            "At least 30% of high-risk enterprise employees hold a vocational qualification or skill-level certificate",
            AtLeast(0.30m), TargetMeasure.CertificateShare, TargetPopulation.HighRiskEnterprises, None, End2020, null,
            "Population: employees (on or off post) of high-risk enterprises; counted: a valid vocational-qualification certificate on the day."),
        new("TZ-TGT-10", null, "TZ", "重点突出“三场所三企业”、工贸行业使用危险化学品", "Focus on \"三场所三企业\" and industry & trade enterprises using hazardous chemicals",
            new(ThresholdKind.Unquantified, 0m, "focus groups"), TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2020,
            "A focus, not a figure; \"三场所三企业\" is undefined (rules.md 7.2) and enterprises carry no such tags.", null),
        new("TZ-TGT-11", null, "TZ", "危险性较大的企业负责人和安全生产管理人员培训考核合格率达到100%", "Principals and safety managers of high-hazard enterprises 100% pass",
            All, TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2020, NoRoleNote, null),
        new("TZ-TGT-12", null, "TZ", "危险化学品使用岗位人员培训不少于30%", "At least 30% of personnel in posts using hazardous chemicals trained",
            AtLeast(0.30m), TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2020,
            "Posts are not marked as using hazardous chemicals, and the denominator is ambiguous in the document (rules.md 7.2).", null),
        new("TZ-TGT-13", null, "TZ", "生产经营单位特种作业人员持证上岗率达到100%", "Special-operation workers of every production/business unit 100% certified on post",
            All, TargetMeasure.SpecialOperationCertified, TargetPopulation.AllUnits, None, End2020, null, SpecialOpNote + " All units, not only high-risk ones."),
        new("TZ-TGT-14", null, "TZ", "生产加工型小微企业主要负责人和安全生产管理人员培训合格率达到100%", "Principals and safety managers of small/micro manufacturing enterprises 100% pass",
            All, TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2020, NoRoleNote + " Small/micro manufacturing is not an enterprise attribute.", null),

        // Heilongjiang (002): "4 个 100%、2 个提升"
        new("HLJ-TGT-01", null, "HLJ", "高危企业在岗员工100%培训考核合格后上岗", "On-post employees of high-risk enterprises 100% trained and assessed",
            All, TargetMeasure.TrainedBeforePostingExisting, TargetPopulation.HighRiskEnterprises, None, End2021, null, TrainedNote + " Employees hired before the period."),
        new("HLJ-TGT-02", null, "HLJ", "新招录从业人员100%培训考核合格后上岗", "New recruits 100% trained and assessed before posting",
            All, TargetMeasure.TrainedBeforePostingNewHires, TargetPopulation.HighRiskEnterprises, None, End2021, null, TrainedNote + " Employees hired within the period."),
        new("HLJ-TGT-03", null, "HLJ", "高危企业班组长100%接受安全技能提升培训", "Team leaders of high-risk enterprises 100% receive safety-skills upgrading training",
            All, TargetMeasure.TeamLeadersTrained, TargetPopulation.HighRiskEnterprises, None, End2021, null,
            "With the HLJ-TRN-05 deadline: rotation training by 2021-12-31, judged by the team-leader-rotation obligation where the rule applies; otherwise any rotation training on or before the day counts."),
        new("HLJ-TGT-04", null, "HLJ", "特种作业人员100%持证上岗", "Special-operation workers 100% certified on post",
            All, TargetMeasure.SpecialOperationCertified, TargetPopulation.HighRiskEnterprises, None, End2021, null, SpecialOpNote),
        new("HLJ-TGT-05", null, "HLJ", "班组长取得职业资格证书、职业技能等级证书或接受相关专业中职及以上学历教育的人员比例提高20个百分点以上",
            "Team-leader qualification share up at least 20 percentage points",
            new(ThresholdKind.RisePercentagePoints, 0.20m, "≥+20 个百分点 pp"), TargetMeasure.TeamLeaderQualificationRise, TargetPopulation.HighRiskEnterprises, None, End2021, null,
            QualificationNote),
        new("HLJ-TGT-06", null, "HLJ", "化工危险化学品、煤矿、金属非金属地下矿山、金属冶炼、石油天然气开采企业从业人员中取得职业资格证书或职业技能等级证书的比例达到30%以上",
            "At least 30% of employees of hazchem, coal-mine, metal & non-metal underground mine, metal-smelting and oil & gas enterprises hold a certificate",
            AtLeast(0.30m), TargetMeasure.CertificateShare, TargetPopulation.Industries,
            ["hazardous-chemicals", "coal-mine", "metal-nonmetal-mine", "metal-smelting", "oil-gas"], End2021, null,
            "Judged over the five groups together and shown per group. [I] The ledger's metal-nonmetal-mine industry does not separate underground from open-pit mines, so all are counted; fireworks are excluded as the document excludes them (rules.md 7.3)."),
        new("HLJ-PLN-03", null, "HLJ", "2021年底前安排10%以上的重点岗位职工完成职业技能晋级培训", "At least 10% of key-post employees complete skill-promotion training by end 2021",
            AtLeast(0.10m), TargetMeasure.KeyPostUpgrade, TargetPopulation.HighRiskEnterprises, None, End2021, null,
            "A plan rule rather than a TGT one, reported with the targets because it is a share. Counted: key-post upgrade training attended on or before the day."),
        new("HLJ-TGT-07", null, "HLJ", "每个地市至少遴选1个实训和实操考试示范基地、1所示范职业院校和若干示范企业；省遴选2个基地、2所院校、4家企业",
            "Demonstration bases, colleges and enterprises per prefecture and province", new(ThresholdKind.Count, 1, "≥1 / ≥1 / several; province 2/2/4"),
            TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2021, "The ledger holds no designation registry.", null),

        // Qufu (003): all units, standing
        new("QF-TGT-01", null, "QF", "企业主要负责人、安全总监、安全生产管理人员安全生产知识和管理能力考核合格率100%",
            "Principals, safety directors and safety managers 100% pass the competence assessment", All, TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, null, NoRoleNote, null),
        new("QF-TGT-02", null, "QF", "特种作业人员持证上岗率100%", "Special-operation workers 100% certified on post",
            All, TargetMeasure.SpecialOperationCertified, TargetPopulation.AllUnits, None, null, null, SpecialOpNote + " All units."),
        new("QF-TGT-03", "participation", "QF", "生产经营单位全员安全生产参学率100%", "All employees take part in safety learning (participation 100%)",
            All, TargetMeasure.Participation, TargetPopulation.AllUnits, None, null, null, "Counted: any training attended within the period. Population: employees of every unit on the evaluation day."),
        new("QF-TGT-03", "exam-taking", "QF", "生产经营单位全员安全生产参考率100%", "All employees sit the exam (exam-taking 100%)",
            All, TargetMeasure.ExamTaking, TargetPopulation.AllUnits, None, null, null, "Counted: a training or post assessment (spot checks excluded) within the period."),
        new("QF-TGT-03", "pass", "QF", "生产经营单位全员安全生产考试合格率100%", "Those who sit the exam pass (pass rate 100%)",
            All, TargetMeasure.ExamPass, TargetPopulation.AllUnits, None, null, null, "[I] Pass rate = passed / sat within the period, so the denominator is the exam-takers."),
        new("QF-TGT-04", null, "QF", "行业领域培训覆盖率100%", "Training covers every industry (sector coverage 100%)",
            All, TargetMeasure.SectorCoverage, TargetPopulation.AllUnits, None, null, null,
            "Counted per industry with at least one enterprise in the jurisdiction: covered when an employee of that industry attended training in the period."),

        // Nanning (004): OCR-damaged, low confidence
        new("NN-TGT-01", "trained-before-posting", "NN", "三个100%（之一，推定）：在岗和新招录从业人员100%培训考核合格后上岗",
            "\"Three 100%\" [I] part 1: employees trained and assessed before posting", All, TargetMeasure.TrainedBeforePosting, TargetPopulation.HighRiskEnterprises, None, End2021, null,
            "The document does not enumerate the \"three 100%\" (rules.md 7.5); read as the HLJ/JZ set [I]. " + TrainedNote),
        new("NN-TGT-01", "special-operation-certified", "NN", "三个100%（之二，推定）：特种作业人员100%持证上岗",
            "\"Three 100%\" [I] part 2: special-operation workers certified", All, TargetMeasure.SpecialOperationCertified, TargetPopulation.HighRiskEnterprises, None, End2021, null,
            "Not enumerated in the document [I]; the legible NN-GOV-01 text names \"特种作业人员持证上岗要全部到位\". " + SpecialOpNote),
        new("NN-TGT-01", "team-leaders-rotated", "NN", "三个100%（之三，推定）：班组长100%轮训",
            "\"Three 100%\" [I] part 3: team leaders rotation-trained", All, TargetMeasure.TeamLeadersTrained, TargetPopulation.HighRiskEnterprises, None, End2021, null,
            "Not enumerated in the document [I]; NN-GOV-01 names team leaders all rotation-trained. Counted: rotation training on or before the day."),
        new("NN-GOV-01", "certificate-share", "NN", "危险化学品、金属非金属地采矿山从业人员职业技能持证率要达到30%以上",
            "At least 30% of hazchem and metal & non-metal underground-mining employees hold a vocational certificate", AtLeast(0.30m), TargetMeasure.CertificateShare,
            TargetPopulation.Industries, ["hazardous-chemicals", "metal-nonmetal-mine"], End2021, null,
            "A standardization-review condition rather than a TGT rule; [I] open-pit mines cannot be told apart and are counted."),
        new("NN-TGT-02", null, "NN", "全市引导和培育3家企业与院校产学研合作", "3 enterprise–college partnerships with at least 3 subject points each",
            new(ThresholdKind.Count, 3, "3"), TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2021, "The ledger holds no designation or partnership registry.", null),
        new("NN-TGT-03", null, "NN", "全市计划培训高危企业安全技能内训师500人、特种作业教员300人、考评员300人",
            "500 internal trainers, 300 special-op instructors and 300 examiners trained by end 2021", new(ThresholdKind.Count, 500, "500 / 300 / 300"),
            TargetMeasure.NotComputable, TargetPopulation.AllUnits, None, End2021,
            "Internal-trainer appointments are recorded, but not their qualification training at the demonstration base; instructors and examiners are not recorded.", null),
    ];

    private const string QualificationNoteZh =
        "达标口径：评估日持有有效的职业资格证书或职业技能等级证书，或登记学历为中职及以上。[推定] 台账无法判断学历是否为“相关专业”，故任何专业均计入；" +
        "学历以当前登记为准。统计范围：高危企业在岗班组长。";

    private const string TrainedNoteZh =
        "计入条件：有合格的培训考核或上岗考核记录（抽考除外），且该段用工没有已违反的岗前培训或再培训义务（JZ-TRN-01、HLJ-TRN-01、*-OFF-*）；" +
        "统计期内新招录的，须在上岗之日或之前考核合格（培训考核合格后上岗）。统计范围：评估日高危企业在岗从业人员。";

    private const string SpecialOpNoteZh = "依据 FR-20 义务计入：评估日持有本岗位作业类别的有效特种作业操作证。统计范围：在特种作业岗位上岗的从业人员。";

    private const string NoRoleNoteZh = "台账登记岗位（特种作业、重点岗位、班组长），但不登记主要负责人、安全总监、安全生产管理人员等身份，无法统计该人群。";

    /// <summary>
    /// The Chinese of each target's note and of why it cannot be computed, by <see cref="ComplianceTarget.Key"/>: the English
    /// stays with the target, where the tests and the rule catalog read it; <c>every_note_has_its_chinese</c> keeps them paired.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NotesZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["JZ-TGT-01"] = TrainedNoteZh,
        ["JZ-TGT-02"] = SpecialOpNoteZh,
        ["JZ-TGT-03"] = "“普遍”未量化（rules.md 7.1），故只报告比例、不判定是否达标；JZ-TRN-06 另行要求 2021-12-31 前所有班组长完成轮训。",
        ["JZ-TGT-04"] = QualificationNoteZh + "文件未给出基数日期（rules.md 7.1）。",
        ["JZ-TGT-05"] = "统计范围：化工危险化学品企业从业人员（在岗或离岗）；计入：评估日持有有效职业资格证书。",
        ["JZ-TRN-05"] = "属培训规则而非目标规则，因其为比例，随目标一并报告。计入：评估日或之前参加重点岗位职业技能晋级培训。",
        ["TZ-TGT-01"] = "部分统计：仅计特种作业培训班（初训和复审培训）；" + NoRoleNoteZh + "一人参加一个培训班计一人次（rules.md 7.2 [推定]）；统计期内本辖区有出勤记录的培训班。",
        ["TZ-TGT-02"] = "统计期内由当时受雇于本辖区高危企业的人员参加本辖区任一培训班的人次。",
        ["TZ-TGT-05"] = TrainedNoteZh,
        ["TZ-TGT-06"] = SpecialOpNoteZh,
        ["TZ-TGT-07/percentage-points"] = QualificationNoteZh + "“20%以上”有歧义（rules.md 7.2）：在发文单位澄清前两种理解同时列出。",
        ["TZ-TGT-07/relative"] = QualificationNoteZh + "“20%以上”有歧义（rules.md 7.2）：在发文单位澄清前两种理解同时列出。",
        ["TZ-TGT-08"] = "[推定] 岗位未标注是否涉及危险工艺，故计入高危企业的所有重点岗位。计入：参加重点岗位职业技能晋级培训并持有有效职业资格证书。",
        ["TZ-TGT-09"] = "统计范围：高危企业从业人员（在岗或离岗）；计入：评估日持有有效职业资格证书。",
        ["TZ-TGT-13"] = SpecialOpNoteZh + "统计所有生产经营单位，不限于高危企业。",
        ["HLJ-TGT-01"] = TrainedNoteZh + "统计期开始前招录的从业人员。",
        ["HLJ-TGT-02"] = TrainedNoteZh + "统计期内新招录的从业人员。",
        ["HLJ-TGT-03"] = "按 HLJ-TRN-05 的期限：2021-12-31 前完成轮训，适用该规则时按班组长轮训义务判定；否则评估日或之前参加过轮训即计入。",
        ["HLJ-TGT-04"] = SpecialOpNoteZh,
        ["HLJ-TGT-05"] = QualificationNoteZh,
        ["HLJ-TGT-06"] = "五类行业合并判定并分行业列出。[推定] 台账的金属非金属矿山行业不区分地下与露天，故全部计入；文件未列烟花爆竹，故不计入（rules.md 7.3）。",
        ["HLJ-PLN-03"] = "属工作安排规则而非目标规则，因其为比例，随目标一并报告。计入：评估日或之前参加重点岗位职业技能晋级培训。",
        ["QF-TGT-02"] = SpecialOpNoteZh + "统计所有生产经营单位。",
        ["QF-TGT-03/participation"] = "计入：统计期内参加过任一培训。统计范围：评估日所有生产经营单位的从业人员。",
        ["QF-TGT-03/exam-taking"] = "计入：统计期内参加过培训考核或上岗考核（抽考除外）。",
        ["QF-TGT-03/pass"] = "[推定] 合格率 = 统计期内考核合格人数 / 参考人数，分母为参考人员。",
        ["QF-TGT-04"] = "按本辖区至少有一家企业的行业分别统计：该行业有从业人员在统计期内参加培训即为覆盖。",
        ["NN-TGT-01/trained-before-posting"] = "文件未列明“三个100%”的具体内容（rules.md 7.5）；按黑龙江、蓟州的口径理解 [推定]。" + TrainedNoteZh,
        ["NN-TGT-01/special-operation-certified"] = "文件未列明 [推定]；可辨认的 NN-GOV-01 原文为“特种作业人员持证上岗要全部到位”。" + SpecialOpNoteZh,
        ["NN-TGT-01/team-leaders-rotated"] = "文件未列明 [推定]；NN-GOV-01 要求班组长全部轮训。计入：评估日或之前参加过轮训。",
        ["NN-GOV-01/certificate-share"] = "属标准化评审条件而非目标规则；[推定] 无法区分露天矿山，一并计入。",
    };

    /// <summary>Why a target cannot be computed, in Chinese, by <see cref="ComplianceTarget.Key"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotComputableZh = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["JZ-TGT-06"] = "台账未登记示范基地、产教融合型企业等遴选名录。",
        ["JZ-TGT-07"] = "台账未登记示范企业遴选名录。",
        ["TZ-TGT-03"] = NoRoleNoteZh + "“危险性较大”也不是企业登记的属性。",
        ["TZ-TGT-04"] = "企业登记行业和是否规模以上，不登记是否为生产加工型小微企业。",
        ["TZ-TGT-10"] = "这是工作重点而非数量指标；“三场所三企业”未作界定（rules.md 7.2），企业也没有此类标记。",
        ["TZ-TGT-11"] = NoRoleNoteZh,
        ["TZ-TGT-12"] = "岗位未标注是否使用危险化学品，且文件中的分母有歧义（rules.md 7.2）。",
        ["TZ-TGT-14"] = NoRoleNoteZh + "“生产加工型小微企业”也不是企业登记的属性。",
        ["HLJ-TGT-07"] = "台账未登记遴选名录。",
        ["QF-TGT-01"] = NoRoleNoteZh,
        ["NN-TGT-02"] = "台账未登记遴选或产学研合作名录。",
        ["NN-TGT-03"] = "台账登记内训师的聘任，但不登记其在示范基地的资格培训；特种作业教员和考评员未登记。",
    };

    public static IReadOnlyList<ComplianceTarget> For(ComplianceProgramme programme) => Targets.Where(t => t.Programme == programme.Code).ToList();
}
