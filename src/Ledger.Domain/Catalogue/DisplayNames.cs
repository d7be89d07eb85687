using System.Collections.Frozen;
using System.Text.Json;
using Ledger.Domain.Actors;
using Ledger.Domain.Assessments;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Employment;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Obligations;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;

namespace Ledger.Domain.Catalogue;

/// <summary>A code's name for people: Simplified Chinese (the officials' language) and English (by switch).</summary>
public readonly record struct DisplayName(string Zh, string En)
{
    public string In(bool english) => english ? En : Zh;

    public override string ToString() => Zh;
}

/// <summary>What a rule says, and what the official does about a breach of it.</summary>
public sealed record RuleText(string Id, string TitleZh, string TitleEn, string NextZh, string NextEn);

/// <summary>
/// The one catalogue of display names: every code the ledger stores or answers with (work types, kinds, jurisdictions,
/// enums, rule ids, event types, problem codes) has its Chinese and English name here, so pages, exports and problem
/// details never show an official a code. Codes stay in events and API fields; names are for people.
/// Work types, kinds, industries and jurisdictions are read from the same reference data the rules use, so a name
/// cannot drift from its code.
/// </summary>
public static class DisplayNames
{
    private static readonly Lazy<FrozenDictionary<string, RuleText>> Rules = new(LoadRules);

    /// <summary>特种作业目录 (SAWS Order No. 30): 低压电工作业 for <c>electrical.low-voltage</c>.</summary>
    public static DisplayName WorkType(string? code)
    {
        if (string.IsNullOrEmpty(code)) return new("—", "—");
        if (CertificateCatalog.Default.FindWorkType(code) is { } w) return new(w.NameZh, w.NameEn);
        // A category code names its work types together (电工作业).
        if (CertificateCatalog.Default.Categories.FirstOrDefault(c => c.Code == code) is { } c) return new(c.NameZh, c.NameEn);
        return new(code, code);
    }

    public static DisplayName CertificateKind(string? code) =>
        code is not null && CertificateCatalog.Default.FindKind(code) is { } k ? new(k.NameZh, k.NameEn) : new(code ?? "—", code ?? "—");

    /// <summary>A certificate's kind and work type together, as the certificate itself prints them.</summary>
    public static DisplayName KindAndWorkType(string kind, string? workType) =>
        workType is null ? CertificateKind(kind) : WorkType(workType);

    public static DisplayName Industry(string? code) =>
        code is not null && IndustryCatalog.Default.Find(code) is { } i ? new(i.NameZh, i.NameEn) : new(code ?? "—", code ?? "—");

    /// <summary>
    /// The jurisdiction's full name (全称) from its chain, the nation left out: 天津市蓟州区, 山东省济宁市曲阜市, 黑龙江省;
    /// in English from the narrowest up: "Jizhou District, Tianjin Municipality".
    /// </summary>
    public static DisplayName Jurisdiction(string? code)
    {
        if (string.IsNullOrEmpty(code)) return new("—", "—");
        var chain = PolicyCatalog.Default.ChainOf(code);
        if (chain.Count == 0) return new(code, code);
        var named = chain.Where(j => j.Level != JurisdictionLevel.National).OrderBy(j => j.Level).ToList();
        if (named.Count == 0) return new(chain[0].NameZh, chain[0].NameEn);
        return new(string.Concat(named.Select(j => j.NameZh)), string.Join(", ", named.AsEnumerable().Reverse().Select(j => j.NameEn)));
    }

    public static DisplayName Education(EducationLevel level) => level switch
    {
        EducationLevel.None => new("未受正规教育", "No formal schooling"),
        EducationLevel.Primary => new("小学", "Primary school"),
        EducationLevel.JuniorSecondary => new("初中", "Junior secondary school"),
        EducationLevel.SeniorSecondary => new("高中", "Senior secondary school"),
        EducationLevel.SecondaryVocational => new("中等职业学校（中专、技校）", "Secondary vocational school"),
        EducationLevel.JuniorCollege => new("大专", "Junior college"),
        EducationLevel.Bachelor => new("本科", "Bachelor's degree"),
        EducationLevel.Master => new("硕士研究生", "Master's degree"),
        EducationLevel.Doctorate => new("博士研究生", "Doctorate"),
        _ => new("未知学历", "Unknown level"),
    };

    public static DisplayName Relation(EmploymentRelation relation) => relation switch
    {
        EmploymentRelation.LabourContract => new("劳动合同", "Labour contract"),
        EmploymentRelation.Dispatched => new("劳务派遣", "Dispatched"),
        EmploymentRelation.Outsourced => new("外包", "Outsourced"),
        EmploymentRelation.Apprentice => new("学徒", "Apprentice"),
        EmploymentRelation.Probation => new("试用期", "Probation"),
        _ => new("其他用工关系", "Other relation"),
    };

    public static DisplayName FourNew(FourNewKind kind) => kind switch
    {
        FourNewKind.Process => new("新工艺", "new process"),
        FourNewKind.Technology => new("新技术", "new technology"),
        FourNewKind.Equipment => new("新设备", "new equipment"),
        FourNewKind.Material => new("新材料", "new material"),
        _ => new("四新", "four-new"),
    };

    public static DisplayName Training(TrainingKind kind) => kind switch
    {
        TrainingKind.NewHireInduction => new("新上岗人员岗前培训", "New-hire induction"),
        TrainingKind.SpecialOperationInitial => new("特种作业取证培训", "Special-operation initial training"),
        TrainingKind.ReviewRefresher => new("复审培训", "Review refresher"),
        TrainingKind.TeamLeaderRotation => new("班组长轮训", "Team-leader rotation"),
        TrainingKind.TargetedRetraining => new("针对性再培训", "Targeted retraining"),
        TrainingKind.KeyPostUpgrade => new("重点岗位提升培训", "Key-post upgrade"),
        _ => new("培训", "Training"),
    };

    /// <summary>A training kind as the API writes it (new-hire-induction).</summary>
    public static DisplayName Training(string? code) => TryEnum<TrainingKind>(code, out var kind) ? Training(kind) : new(code ?? "—", code ?? "—");

    public static DisplayName Session(SessionMode mode) => mode switch
    {
        SessionMode.Classroom => new("面授", "Classroom"),
        SessionMode.Practical => new("实操", "Practical"),
        SessionMode.Online => new("网络", "Online"),
        _ => new("课程", "Session"),
    };

    public static DisplayName Assessment(AssessmentKind kind) => kind switch
    {
        AssessmentKind.PostAssessment => new("分岗位考核", "Post assessment"),
        AssessmentKind.SpotCheck => new("执法抽考", "Inspection spot check"),
        AssessmentKind.TrainingAssessment => new("培训结业考核", "Training assessment"),
        _ => new("考核", "Assessment"),
    };

    public static DisplayName Institution(InstitutionKind kind) => kind switch
    {
        InstitutionKind.TrainingInstitution => new("培训机构", "Training institution"),
        InstitutionKind.VocationalCollege => new("职业院校", "Vocational college"),
        InstitutionKind.EnterpriseTrainingCentre => new("企业培训中心", "Enterprise training centre"),
        InstitutionKind.ExamPointOperator => new("考试机构", "Exam-point operator"),
        _ => new("机构", "Institution"),
    };

    public static DisplayName Supersession(SupersessionKind kind) => kind switch
    {
        SupersessionKind.Renewal => new("期满换证", "Renewal"),
        SupersessionKind.Replacement => new("补证", "Replacement"),
        _ => new("换证", "Supersession"),
    };

    public static DisplayName Ground(RevocationGround ground) => ground switch
    {
        RevocationGround.ExpiredWithoutReview => new("超过有效期未延期复审", "Past its validity without a deferred review"),
        RevocationGround.Unfit => new("身体条件已不适合继续从事特种作业", "No longer physically fit for the special operation"),
        RevocationGround.AccidentResponsibility => new("对发生生产安全事故负有责任", "Responsible for a production safety accident"),
        RevocationGround.FalseInformation => new("证书记载虚假信息", "The certificate records false information"),
        RevocationGround.Deception => new("以欺骗、贿赂等不正当手段取得", "Obtained by deception, bribery or other improper means"),
        _ => new("撤销情形未记录", "Ground not recorded"),
    };

    public static DisplayName Capability(TrainingCapability capability) => capability switch
    {
        TrainingCapability.SelfTraining => new("自主培训", "Trains its own staff"),
        TrainingCapability.Entrusting => new("委托培训", "Entrusts an institution"),
        _ => new("培训方式", "Training arrangement"),
    };

    public static DisplayName Stage(ClaimStage stage) => stage switch
    {
        ClaimStage.Submitted => new("已提交", "Submitted"),
        ClaimStage.Attested => new("培训机构已确认", "Attested"),
        ClaimStage.Verified => new("应急部门已核验", "Verified"),
        ClaimStage.Approved => new("人社部门已审批", "Approved"),
        ClaimStage.Rejected => new("已驳回", "Rejected"),
        ClaimStage.Disbursed => new("补贴已发放", "Disbursed"),
        ClaimStage.Reconciled => new("已对账", "Reconciled"),
        _ => new("未知阶段", "Unknown stage"),
    };

    public static DisplayName Subsidy(SubsidyKind kind) => kind switch
    {
        SubsidyKind.SpecialOperationInitial => new("特种作业初次取证补贴", "Special operation, initial certificate"),
        SubsidyKind.SpecialOperationReview => new("特种作业复审补贴", "Special operation, review"),
        SubsidyKind.SafetyQualificationInitial => new("安全生产知识和管理能力考核取证补贴", "Safety qualification, initial certificate"),
        _ => new("补贴", "Subsidy"),
    };

    public static DisplayName Line(LineStatus status) => status switch
    {
        LineStatus.Eligible => new("符合", "Eligible"),
        LineStatus.Duplicate => new("重复申领", "Duplicate"),
        _ => new("不符合", "Ineligible"),
    };

    public static DisplayName Severity(Severity severity) => severity switch
    {
        Claims.Severity.High => new("高", "High"),
        Claims.Severity.Medium => new("中", "Medium"),
        _ => new("低", "Low"),
    };

    public static DisplayName Certificate(CertificateStatus status) => status switch
    {
        CertificateStatus.Valid => new("有效", "Valid"),
        CertificateStatus.ReviewOverdue => new("逾期未复审", "Review overdue"),
        CertificateStatus.ReviewFailed => new("复审不合格", "Review failed"),
        CertificateStatus.Suspended => new("暂扣", "Suspended"),
        CertificateStatus.Revoked => new("已吊销", "Revoked"),
        CertificateStatus.Expired => new("已过期", "Expired"),
        CertificateStatus.Superseded => new("已换证", "Superseded"),
        CertificateStatus.NotYetValid => new("尚未生效", "Not yet valid"),
        _ => new("未知状态", "Unknown status"),
    };

    public static DisplayName Obligation(ObligationStatus status) => status switch
    {
        ObligationStatus.Breached => new("已违反", "Breached"),
        ObligationStatus.Open => new("待履行", "Open"),
        _ => new("已履行", "Met"),
    };

    private static readonly FrozenDictionary<string, DisplayName> ObligationKinds = new Dictionary<string, DisplayName>
    {
        ["new-hire-induction"] = new("新上岗人员岗前培训", "New-hire induction"),
        ["return-to-post-retraining"] = new("返岗前重新培训", "Retraining before returning to the post"),
        ["special-operation-practical-reexam"] = new("返岗前实操复考", "Practical re-examination before returning"),
        ["post-change-retraining"] = new("调岗重新培训", "Retraining after a post change"),
        ["four-new-retraining"] = new("四新培训", "Training on new processes, technology, equipment or materials"),
        ["failed-assessment-retraining"] = new("考核不合格离岗再培训", "Retraining after a failed assessment"),
        ["special-operation-certificate"] = new("特种作业持证上岗", "Special-operation certificate on post"),
        ["team-leader-rotation"] = new("班组长轮训", "Team-leader rotation training"),
        ["annual-post-assessment"] = new("年度分岗位考核", "Annual post assessment"),
        ["internal-trainer-ratio"] = new("内部培训师配备比例", "Internal trainers per headcount"),
        ["internal-trainer-per-work-type"] = new("每个特种作业工种配备内部培训师", "An internal trainer for each special-operation work type"),
    }.ToFrozenDictionary();

    public static DisplayName ObligationKind(string kind) => ObligationKinds.TryGetValue(kind, out var name) ? name : new("培训与持证义务", kind);

    public static DisplayName Role(ActorRole role) => role switch
    {
        ActorRole.Regulator => new("应急管理部门", "Emergency-management bureau"),
        ActorRole.ExamPoint => new("考试点", "Exam point"),
        ActorRole.TrainingInstitution => new("培训机构", "Training institution"),
        ActorRole.Enterprise => new("生产经营单位", "Enterprise"),
        ActorRole.HrBureau => new("人社部门", "Human-resources bureau"),
        ActorRole.FinanceBureau => new("财政部门", "Finance bureau"),
        ActorRole.Auditor => new("审计", "Auditor"),
        ActorRole.SystemAdministrator => new("系统管理员", "System administrator"),
        _ => new("角色", "Role"),
    };

    /// <summary>A government organisation has no record of its own: it is named by its jurisdiction and role (黑龙江省人社部门).</summary>
    public static DisplayName Bureau(ActorRole role, string? jurisdiction)
    {
        var area = jurisdiction is null ? new DisplayName("", "") : Jurisdiction(jurisdiction);
        var r = Role(role);
        return jurisdiction is null ? r : new(area.Zh + r.Zh, $"{r.En}, {area.En}");
    }

    private static readonly FrozenDictionary<string, DisplayName> EventTypes = new Dictionary<string, DisplayName>
    {
        ["person_registered"] = new("建档", "File opened"),
        ["person_education_recorded"] = new("学历登记", "Education recorded"),
        ["personal_data_resealed"] = new("个人信息重新加密", "Personal data resealed"),
        ["claim_handler_mobile_resealed"] = new("经办人手机重新加密", "Handler's mobile resealed"),
        ["certificate_issued"] = new("发证", "Certificate issued"),
        ["certificate_reviewed"] = new("复审", "Certificate reviewed"),
        ["certificate_superseded"] = new("换证", "Certificate superseded"),
        ["certificate_suspended"] = new("暂扣", "Certificate suspended"),
        ["certificate_reinstated"] = new("恢复", "Certificate reinstated"),
        ["certificate_revoked"] = new("吊销", "Certificate revoked"),
        ["forged_certificate_reported"] = new("举报伪造证书", "Forgery reported"),
        ["employment_started"] = new("入职", "Hired"),
        ["post_changed"] = new("岗位变动", "Post changed"),
        ["four_new_introduced"] = new("四新引入", "New process or equipment introduced"),
        ["left_post"] = new("离岗", "Left post"),
        ["returned_to_post"] = new("返岗", "Returned to post"),
        ["employment_ended"] = new("离职", "Employment ended"),
        ["training_attended"] = new("参加培训", "Training attended"),
        ["trainee_enrolled"] = new("报名培训", "Enrolled"),
        ["assessment_recorded"] = new("考核", "Assessment recorded"),
        ["social_insurance_months_recorded"] = new("社保缴纳登记", "Social insurance recorded"),
        ["claim_submitted"] = new("提交补贴申请", "Claim submitted"),
        ["institution_attested"] = new("培训机构确认", "Institution attested"),
        ["certificates_verified"] = new("应急部门核验", "Certificates verified"),
        ["verification_overridden"] = new("核验更正", "Verification overridden"),
        ["claim_approved"] = new("人社部门审批", "Claim approved"),
        ["claim_rejected"] = new("驳回", "Claim rejected"),
        ["subsidy_disbursed"] = new("补贴发放", "Subsidy disbursed"),
        ["disbursement_reconciled"] = new("对账", "Disbursement reconciled"),
        ["clawback_ordered"] = new("责令追回", "Clawback ordered"),
        ["clawback_repaid"] = new("追回到账", "Clawback repaid"),
        ["claim_line_flagged"] = new("事后发现问题", "Line flagged later"),
        ["entitlement_held"] = new("补贴资格占用", "Entitlement held"),
        ["entitlement_released"] = new("补贴资格释放", "Entitlement released"),
        ["entitlement_paid"] = new("补贴资格已发放", "Entitlement paid"),
        ["training_class_opened"] = new("开班", "Class opened"),
        ["training_session_held"] = new("授课", "Session held"),
        ["session_ended"] = new("课程结束", "Session ended"),
        ["enterprise_registered"] = new("企业登记", "Enterprise registered"),
        ["enterprise_headcount_reported"] = new("报告从业人数", "Headcount reported"),
        ["enterprise_training_capability_changed"] = new("培训方式变更", "Training arrangement changed"),
        ["institution_registered"] = new("机构登记", "Institution registered"),
        ["institution_filed"] = new("机构备案", "Institution filed"),
        ["practical_capability_recorded"] = new("登记实操条件", "Practical conditions recorded"),
        ["practical_capability_withdrawn"] = new("撤销实操条件", "Practical conditions withdrawn"),
        ["institution_listed_in_hr_catalogue"] = new("列入人社目录", "Listed in the HR catalogue"),
        ["institution_delisted_from_hr_catalogue"] = new("移出人社目录", "Delisted from the HR catalogue"),
        ["institution_suspended"] = new("停业整顿", "Institution suspended"),
        ["institution_reinstated"] = new("恢复", "Institution reinstated"),
        ["institution_filing_cancelled"] = new("注销备案", "Filing cancelled"),
        ["exam_point_designated"] = new("确定考试点", "Exam point designated"),
        ["exam_point_designation_withdrawn"] = new("撤销考试点", "Exam-point designation withdrawn"),
        ["internal_trainer_appointed"] = new("聘任内部培训师", "Internal trainer appointed"),
        ["internal_trainer_removed"] = new("解聘内部培训师", "Internal trainer removed"),
        ["compliance_report_submitted"] = new("报送报表", "Report submitted"),
        ["compliance_baseline_recorded"] = new("登记基线", "Baseline recorded"),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, DisplayName> Documents = new Dictionary<string, DisplayName>
    {
        ["000_47f799c357ee01cc.txt"] = new("《蓟州区高危行业领域安全技能提升行动计划实施方案》（2020年4月2日）", "Jizhou District safety-skills upgrading action plan (2 April 2020)"),
        ["001_ff46289c202339f5.txt"] = new("台应急〔2020〕5号《2020年全市安全生产培训考试工作要点》", "Taizhou 台应急〔2020〕5号: key points of safety training and examination work in 2020"),
        ["002_b72319b3dca4b513.txt"] = new("黑应急联〔规〕发〔2020〕1号《黑龙江省高危行业领域安全技能提升行动实施方案》", "Heilongjiang 黑应急联〔规〕发〔2020〕1号: safety-skills upgrading action plan"),
        ["003_7862e7ee6cd0112c.txt"] = new("曲政办字〔2022〕26号《关于进一步加强安全生产培训考核工作的意见》", "Qufu 曲政办字〔2022〕26号: opinions on strengthening safety training and assessment"),
        ["004_5bdc95e16ef25e95.txt"] = new("《南宁市高危行业领域安全技能提升行动计划实施方案》（2020年12月11日印发）", "Nanning safety-skills upgrading action plan (printed 11 December 2020)"),
    }.ToFrozenDictionary();

    /// <summary>A source document by its number and title, not the name of the file it is kept in.</summary>
    public static DisplayName Document(string? document)
    {
        if (string.IsNullOrEmpty(document)) return new("—", "—");
        var file = document.Split(' ')[0];
        return Documents.TryGetValue(file, out var name) ? name : new(document, document);
    }

    /// <summary>An event type as stored (certificate_revoked).</summary>
    public static DisplayName EventType(string type) =>
        EventTypes.TryGetValue(EventSchemas.Kind(type), out var name) ? name : new("台账记录", type.Replace('_', ' '));

    /// <summary>
    /// A rule by its id: the document's words where the catalog quotes them, and what to do next by the rule's area.
    /// An id not in the catalogue still gets a sentence an official can act on.
    /// </summary>
    public static RuleText Rule(string ruleId)
    {
        if (Rules.Value.TryGetValue(ruleId, out var rule)) return rule;
        var (nextZh, nextEn) = NextStep(ruleId);
        return new(ruleId, "业务规则不允许此操作", "A business rule refuses this", nextZh, nextEn);
    }

    public static IReadOnlyCollection<RuleText> AllRules => Rules.Value.Values;

    /// <summary>
    /// A finding or obligation in words: the rule it breaks and what to do. The English evidence stays the API's and
    /// the English page's; the Chinese sentence is built from the rule, so it never quotes an English fragment.
    /// </summary>
    public static DisplayName Finding(string ruleId, string evidenceEn)
    {
        var rule = Rule(ruleId);
        return new($"{rule.TitleZh}。{rule.NextZh}", evidenceEn);
    }

    private static (string Zh, string En) NextStep(string ruleId)
    {
        var area = ruleId.StartsWith("FR-", StringComparison.Ordinal) ? "FR" : ruleId.Split('-') is { Length: 3 } parts ? parts[1] : "";
        return area switch
        {
            "TRN" or "ONL" => ("请安排或补录所需培训，学时达标后再继续办理。", "Arrange or record the training required, then continue."),
            "OFF" => ("请安排离岗再培训并考核合格后再返岗。", "Arrange retraining and a passing assessment before the return to post."),
            "EXM" => ("请组织考核或核对成绩后重新登记。", "Hold the assessment or check the scores, then record again."),
            "CRT" => ("请核对证书状态和日期；需要时办理复审、换证或重新取证。", "Check the certificate's status and dates; review, renew or re-certify where needed."),
            "EDU" => ("请核实学历证明；学历不符的人员不得从事该岗位。", "Verify the education record; a person without it may not hold the post."),
            "EMP" => ("请核对从业记录的日期和先后顺序后重新提交。", "Check the employment record's dates and order, then submit again."),
            "SUB" => ("请核对补贴申请的材料、金额和办理顺序，由对应部门按流程办理。", "Check the claim's papers, amounts and order; the right department takes each step."),
            "ARC" => ("请在规定期限内补录记录，逾期补录须写明理由。", "Record it within the time allowed; a late entry needs a reason."),
            "INS" or "INT" => ("请核对培训机构或培训师的备案、资质和实操条件。", "Check the institution's or trainer's filing, qualification and practical conditions."),
            "RPT" => ("请按报送日历按期报送报表。", "Submit the report by its date in the report calendar."),
            "TGT" or "SCP" or "PLN" => ("请对照目标要求安排培训、考核和持证。", "Arrange training, assessment and certification to meet the target."),
            "FR" => ("请核查相关记录，确有问题的不予补贴并依法处理。", "Check the records behind it; pay nothing where the problem is real, and act under the rules."),
            _ => ("请按规则要求处理后重试。", "Do what the rule requires, then try again."),
        };
    }

    private static FrozenDictionary<string, RuleText> LoadRules()
    {
        using var json = ReferenceData.OpenEmbedded("rule-texts.json");
        var file = JsonSerializer.Deserialize<RuleFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                   ?? throw new InvalidDataException("rule-texts.json is empty");
        return file.Rules.ToFrozenDictionary(r => r.Id, r =>
        {
            var (zh, en) = NextStep(r.Id);
            return new RuleText(r.Id, r.TitleZh, r.TitleEn, zh, en);
        }, StringComparer.Ordinal);
    }

    private static bool TryEnum<T>(string? code, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrEmpty(code)) return false;
        return Enum.TryParse(code.Replace("-", ""), ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    private sealed record RuleFile(string Source, IReadOnlyList<RuleEntry> Rules);

    private sealed record RuleEntry(string Id, string TitleZh, string TitleEn);
}
