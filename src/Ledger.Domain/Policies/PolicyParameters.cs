using NodaTime;

namespace Ledger.Domain.Policies;

/// <summary>What every rule carries besides its value: the rules.md id that set it and any interpretation note.</summary>
public interface IPolicyRule
{
    string RuleId { get; }

    string? Note { get; }

    RuleScope Scope { get; }

    /// <summary>The rule for the units a scoped rule leaves out, set at the same level (the national 24 学时 beside its 72).</summary>
    IPolicyRule? OtherUnitsRule { get; }
}

/// <summary>
/// Whom a rule binds. Jizhou's and Heilongjiang's programmes are written for high-risk enterprises (高危企业), so their hours and
/// return-to-post rules do not reach an office or a shop in the same district: those units fall to the next level up, in the end
/// to the national rule that speaks to every unit.
/// </summary>
public enum RuleScope
{
    AllUnits = 0,
    /// <summary>Only enterprises of an industry <see cref="Enterprises.IndustryCatalog"/> marks high-risk.</summary>
    HighRiskEnterprises = 1,
}

/// <param name="RuleId">A rules.md id such as <c>QF-OFF-01</c>, or <c>NAT-…</c> for a national baseline, so an obligation can name its source.</param>
/// <param name="Note">How the value was read from the document; <c>[I]</c> marks an interpretation the documents do not state.</param>
/// <param name="Scope">Whom the rule binds; a unit outside it gets <paramref name="OtherUnits"/>, or the parent jurisdiction's rule when that is null.</param>
public sealed record Rule<T>(T Value, string RuleId, string? Note, RuleScope Scope = RuleScope.AllUnits, Rule<T>? OtherUnits = null) : IPolicyRule
{
    public IPolicyRule? OtherUnitsRule => OtherUnits;

    /// <summary>The rule as it binds a unit that is, or is not, a high-risk enterprise; null when it leaves the unit to the parent.</summary>
    public Rule<T>? For(bool highRiskEnterprise) => Scope == RuleScope.AllUnits || highRiskEnterprise ? this : OtherUnits;
}

public enum OnlineHoursCounting
{
    /// <summary>Online hours count towards the total only up to a share of it (按比例计入).</summary>
    Proportion = 0,
    /// <summary>Effective online hours count in full (有效学时纳入培训总学时, QF-ONL-02).</summary>
    Full = 1,
}

/// <param name="MaxShare">Largest share of the total hours that online hours may make up; null with <see cref="OnlineHoursCounting.Full"/>.</param>
public sealed record OnlineHoursRule(OnlineHoursCounting Counting, decimal? MaxShare);

/// <summary>Whether an exam point may also run safety training (考培分离).</summary>
public enum ExamPointTraining
{
    Forbidden = 0,
    /// <summary>Allowed but reported as a risk (FR-16).</summary>
    Flag = 1,
    Allowed = 2,
}

/// <summary>How much one entitlement pays, in CNY. A range (TZ-SUB-02/03) is resolved by <see cref="Choice"/>, a pack parameter.</summary>
public sealed record SubsidyAmount(decimal Min, decimal Max, SubsidyAmountChoice Choice)
{
    /// <summary>The amount for a line, given what was requested; null when the request falls outside a range that honours requests.</summary>
    public decimal Resolve(decimal? requested) => Choice switch
    {
        SubsidyAmountChoice.Minimum => Min,
        SubsidyAmountChoice.Maximum => Max,
        _ when requested is { } r && r >= Min && r <= Max => r,
        _ => Min,
    };
}

public enum SubsidyAmountChoice
{
    /// <summary>A fixed amount (Min = Max), or the minimum of a range.</summary>
    Minimum,
    Maximum,
    /// <summary>The requested amount when it lies inside the range, else the minimum: the authority fixes the figure within the range.</summary>
    RequestedWithinRange,
}

/// <summary>JZ-SUB-01: local household registration, or at least this many months of social insurance paid in the region.</summary>
public sealed record ResidencyRequirement(IReadOnlyList<string> HukouDistricts, int InsuranceMonths, string InsuranceRegion);

/// <summary>
/// Who takes each step of a subsidy claim (HLJ-SUB-03, NN-SUB-01/03): the department that verifies the certificates, the one that
/// decides the claim, the one that pays it out, and the one that audits and reconciles the payouts.
/// </summary>
public sealed record SubsidyAuthorities(Actors.ActorRole Verifier, Actors.ActorRole Approver, Actors.ActorRole Payer, Actors.ActorRole Auditor);

/// <summary>
/// The rule an institution's refusal cites, per kind of refusal, so it names the document of the institution's own jurisdiction in
/// force that day (or the national rule or the ledger's own policy where none speaks), never another jurisdiction's.
/// </summary>
public sealed record InstitutionRuleIds(string Filing, string PracticalConditions, string Suspension);

/// <summary>
/// The fixed sentences of an audit form: the enterprise's written commitment and the training institution's opinion. A claim carries
/// them as printed; only spacing and the width of punctuation may differ, since the form itself mixes "," and "，".
/// </summary>
public sealed record AuditFormWording(string Commitment, string Attestation)
{
    public static bool Matches(string written, string form) => Normalise(written) == Normalise(form);

    private static string Normalise(string text) =>
        new(text.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)).Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c).ToArray());
}

/// <summary>Whether a training condition of the subsidy that a line fails stops its payment, or is only shown to the reviewer.</summary>
public enum ConditionEnforcement
{
    Flag = 0,
    /// <summary>The line earns nothing unless the verifying department overrides the finding, with its reason on record.</summary>
    Block = 1,
}

/// <summary>One training condition of a subsidy: whether failing it blocks the line, and the rule and clause that make it a condition.</summary>
public sealed record SubsidyCondition(ConditionEnforcement Enforcement, string RuleId, string Clause);

/// <summary>
/// The training conditions a subsidy line is judged on, each blocking or flagging per the pack: the full syllabus hours (FR-06),
/// the theory and practical the institution attests (FR-07), and the video kept for the certificate's validity (FR-09).
/// </summary>
public sealed record SubsidyTrainingConditions(SubsidyCondition SyllabusHours, SubsidyCondition Practical, SubsidyCondition Video);

/// <summary>
/// Internal trainers required (QF-INT-02): high-risk enterprises at least <see cref="HighRiskPerMille"/>‰ of headcount and
/// generally at least <see cref="HighRiskMinimum"/> people; other above-designated-size enterprises at least <see cref="OtherAboveSizePerMille"/>‰.
/// </summary>
public sealed record InternalTrainerRatio(int HighRiskPerMille, int HighRiskMinimum, int OtherAboveSizePerMille);

/// <summary>
/// The policy parameters one version sets. Every parameter is optional: a null one is left to the next jurisdiction
/// up the chain, which is how a district inherits what its city, province and the national baseline say.
/// </summary>
/// <param name="NewHireMinHours">Minimum 学时 of safety training before a new hire takes a post.</param>
/// <param name="OffPostRetrainMonths">A return after this many months or more off post needs targeted retraining and a pass (inclusive, rules.md 6.10).</param>
/// <param name="RetrainOnPostChange">A post change needs targeted retraining and a pass.</param>
/// <param name="RetrainOnFourNew">New processes, technologies, equipment or materials (四新) need targeted retraining.</param>
/// <param name="OnlineHours">How online hours count towards required training hours.</param>
/// <param name="FaceRecognitionRequired">Online training counts only under face-recognition monitoring.</param>
/// <param name="ExamPointMayTrain">Whether an exam point may also train.</param>
/// <param name="InternalTrainers">Internal trainers per headcount.</param>
/// <param name="InternalTrainersPerWorkType">Internal trainers per work type present in the enterprise.</param>
/// <param name="AnnualAllStaffAssessment">Every employee is assessed post by post every year (false: once in the programme window).</param>
/// <param name="TeamLeaderRotationDeadline">Every team leader is rotation-trained once by this date.</param>
/// <param name="QaReplacingPracticalForbidden">Question-and-answer may not replace hands-on practical training or exams.</param>
/// <param name="KeySkillFailFailsAssessment">Failing a safety-related key skill fails the whole skill assessment.</param>
/// <param name="FailedAssessmentTakesOffPost">A failed assessment takes the employee off post until a pass.</param>
/// <param name="PracticalOnPostByInternalTrainer">Practical training is taught and assessed on the real post by an internal trainer.</param>
/// <param name="VideoRetentionCoversCertificateValidity">Training video of subsidy applicants is kept at least as long as the certificate obtained is valid.</param>
/// <param name="NewCoalApplicantSeniorSecondary">New applicants for a coal-mine special-operation certificate need senior-secondary education (HLJ-EDU-01).</param>
/// <param name="ReviewSubsidyIncludesRenewal">A renewal (换证, the extended review at the end of the validity) earns the review subsidy as a review does (TZ-SUB-04).</param>
/// <param name="SubsidyPaidByOwnLevel">The bureau of the claiming enterprise's own level pays, not one above it: the city for city enterprises (市属), a county for its own (NN-SUB-02).</param>
/// <param name="ArchiveRetentionYears">Every training archive, session video included, is kept at least this many years (QF-ARC-03).</param>
/// <param name="SpecialOperationArchiveCoversCertificateValidity">The archives of special-operation training are kept at least as long as the certificate is valid (QF-ARC-04).</param>
/// <param name="AuditFormWording">The fixed wording of the audit form's commitment and institution opinion, which a claim must carry (HLJ-SUB-03's 附件).</param>
/// <param name="LateEntryDays">A training record dated more than this many days before it is entered needs a late-entry reason.</param>
public sealed record PolicyParameters(
    Rule<int>? NewHireMinHours = null,
    Rule<int>? OffPostRetrainMonths = null,
    Rule<bool>? RetrainOnPostChange = null,
    Rule<bool>? RetrainOnFourNew = null,
    Rule<OnlineHoursRule>? OnlineHours = null,
    Rule<bool>? FaceRecognitionRequired = null,
    Rule<ExamPointTraining>? ExamPointMayTrain = null,
    Rule<InternalTrainerRatio>? InternalTrainers = null,
    Rule<int>? InternalTrainersPerWorkType = null,
    Rule<bool>? AnnualAllStaffAssessment = null,
    Rule<LocalDate>? TeamLeaderRotationDeadline = null,
    Rule<bool>? QaReplacingPracticalForbidden = null,
    Rule<bool>? KeySkillFailFailsAssessment = null,
    Rule<bool>? FailedAssessmentTakesOffPost = null,
    Rule<bool>? PracticalOnPostByInternalTrainer = null,
    Rule<bool>? VideoRetentionCoversCertificateValidity = null,
    Rule<int>? LateEntryDays = null,
    Rule<SubsidyAmount>? SubsidySpecialOperationInitial = null,
    Rule<SubsidyAmount>? SubsidySpecialOperationReview = null,
    Rule<SubsidyAmount>? SubsidySafetyQualificationInitial = null,
    Rule<ResidencyRequirement>? SubsidyResidency = null,
    Rule<bool>? SubsidyEmploymentRequired = null,
    Rule<bool>? SubsidyInstitutionListed = null,
    Rule<bool>? SubsidyCertificateVerification = null,
    Rule<SubsidyAuthorities>? SubsidyAuthorities = null,
    Rule<SubsidyTrainingConditions>? SubsidyTrainingConditions = null,
    Rule<int>? NewCertificateIssuanceWorkingDays = null,
    Rule<int>? ReviewIssuanceWorkingDays = null,
    Rule<InstitutionRuleIds>? InstitutionRuleIds = null,
    Rule<bool>? NewCoalApplicantSeniorSecondary = null,
    Rule<bool>? ReviewSubsidyIncludesRenewal = null,
    Rule<bool>? SubsidyPaidByOwnLevel = null,
    Rule<int>? ArchiveRetentionYears = null,
    Rule<bool>? SpecialOperationArchiveCoversCertificateValidity = null,
    Rule<AuditFormWording>? AuditFormWording = null)
{
    public static readonly PolicyParameters None = new();

    /// <summary>These parameters, with <paramref name="fallback"/>'s filling every parameter left unset here.</summary>
    public PolicyParameters Merge(PolicyParameters fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new(
            NewHireMinHours ?? fallback.NewHireMinHours,
            OffPostRetrainMonths ?? fallback.OffPostRetrainMonths,
            RetrainOnPostChange ?? fallback.RetrainOnPostChange,
            RetrainOnFourNew ?? fallback.RetrainOnFourNew,
            OnlineHours ?? fallback.OnlineHours,
            FaceRecognitionRequired ?? fallback.FaceRecognitionRequired,
            ExamPointMayTrain ?? fallback.ExamPointMayTrain,
            InternalTrainers ?? fallback.InternalTrainers,
            InternalTrainersPerWorkType ?? fallback.InternalTrainersPerWorkType,
            AnnualAllStaffAssessment ?? fallback.AnnualAllStaffAssessment,
            TeamLeaderRotationDeadline ?? fallback.TeamLeaderRotationDeadline,
            QaReplacingPracticalForbidden ?? fallback.QaReplacingPracticalForbidden,
            KeySkillFailFailsAssessment ?? fallback.KeySkillFailFailsAssessment,
            FailedAssessmentTakesOffPost ?? fallback.FailedAssessmentTakesOffPost,
            PracticalOnPostByInternalTrainer ?? fallback.PracticalOnPostByInternalTrainer,
            VideoRetentionCoversCertificateValidity ?? fallback.VideoRetentionCoversCertificateValidity,
            LateEntryDays ?? fallback.LateEntryDays,
            SubsidySpecialOperationInitial ?? fallback.SubsidySpecialOperationInitial,
            SubsidySpecialOperationReview ?? fallback.SubsidySpecialOperationReview,
            SubsidySafetyQualificationInitial ?? fallback.SubsidySafetyQualificationInitial,
            SubsidyResidency ?? fallback.SubsidyResidency,
            SubsidyEmploymentRequired ?? fallback.SubsidyEmploymentRequired,
            SubsidyInstitutionListed ?? fallback.SubsidyInstitutionListed,
            SubsidyCertificateVerification ?? fallback.SubsidyCertificateVerification,
            SubsidyAuthorities ?? fallback.SubsidyAuthorities,
            SubsidyTrainingConditions ?? fallback.SubsidyTrainingConditions,
            NewCertificateIssuanceWorkingDays ?? fallback.NewCertificateIssuanceWorkingDays,
            ReviewIssuanceWorkingDays ?? fallback.ReviewIssuanceWorkingDays,
            InstitutionRuleIds ?? fallback.InstitutionRuleIds,
            NewCoalApplicantSeniorSecondary ?? fallback.NewCoalApplicantSeniorSecondary,
            ReviewSubsidyIncludesRenewal ?? fallback.ReviewSubsidyIncludesRenewal,
            SubsidyPaidByOwnLevel ?? fallback.SubsidyPaidByOwnLevel,
            ArchiveRetentionYears ?? fallback.ArchiveRetentionYears,
            SpecialOperationArchiveCoversCertificateValidity ?? fallback.SpecialOperationArchiveCoversCertificateValidity,
            AuditFormWording ?? fallback.AuditFormWording);
    }

    /// <summary>These parameters as they bind one unit: a rule scoped to high-risk enterprises gives way, for any other unit, to its
    /// <see cref="Rule{T}.OtherUnits"/> or else to the parent jurisdiction's rule (<see cref="PolicyCatalog.For(string, LocalDate, bool)"/>).</summary>
    public PolicyParameters For(bool highRiskEnterprise) => new(
            NewHireMinHours?.For(highRiskEnterprise),
            OffPostRetrainMonths?.For(highRiskEnterprise),
            RetrainOnPostChange?.For(highRiskEnterprise),
            RetrainOnFourNew?.For(highRiskEnterprise),
            OnlineHours?.For(highRiskEnterprise),
            FaceRecognitionRequired?.For(highRiskEnterprise),
            ExamPointMayTrain?.For(highRiskEnterprise),
            InternalTrainers?.For(highRiskEnterprise),
            InternalTrainersPerWorkType?.For(highRiskEnterprise),
            AnnualAllStaffAssessment?.For(highRiskEnterprise),
            TeamLeaderRotationDeadline?.For(highRiskEnterprise),
            QaReplacingPracticalForbidden?.For(highRiskEnterprise),
            KeySkillFailFailsAssessment?.For(highRiskEnterprise),
            FailedAssessmentTakesOffPost?.For(highRiskEnterprise),
            PracticalOnPostByInternalTrainer?.For(highRiskEnterprise),
            VideoRetentionCoversCertificateValidity?.For(highRiskEnterprise),
            LateEntryDays?.For(highRiskEnterprise),
            SubsidySpecialOperationInitial?.For(highRiskEnterprise),
            SubsidySpecialOperationReview?.For(highRiskEnterprise),
            SubsidySafetyQualificationInitial?.For(highRiskEnterprise),
            SubsidyResidency?.For(highRiskEnterprise),
            SubsidyEmploymentRequired?.For(highRiskEnterprise),
            SubsidyInstitutionListed?.For(highRiskEnterprise),
            SubsidyCertificateVerification?.For(highRiskEnterprise),
            SubsidyAuthorities?.For(highRiskEnterprise),
            SubsidyTrainingConditions?.For(highRiskEnterprise),
            NewCertificateIssuanceWorkingDays?.For(highRiskEnterprise),
            ReviewIssuanceWorkingDays?.For(highRiskEnterprise),
            InstitutionRuleIds?.For(highRiskEnterprise),
            NewCoalApplicantSeniorSecondary?.For(highRiskEnterprise),
            ReviewSubsidyIncludesRenewal?.For(highRiskEnterprise),
            SubsidyPaidByOwnLevel?.For(highRiskEnterprise),
            ArchiveRetentionYears?.For(highRiskEnterprise),
            SpecialOperationArchiveCoversCertificateValidity?.For(highRiskEnterprise),
            AuditFormWording?.For(highRiskEnterprise));

    /// <summary>Every parameter that is set, by its JSON name, so callers can list rule ids without knowing each type.</summary>
    public IReadOnlyList<KeyValuePair<string, IPolicyRule>> SetRules()
    {
        var all = new (string Name, IPolicyRule? Rule)[]
        {
            ("newHireMinHours", NewHireMinHours),
            ("offPostRetrainMonths", OffPostRetrainMonths),
            ("retrainOnPostChange", RetrainOnPostChange),
            ("retrainOnFourNew", RetrainOnFourNew),
            ("onlineHours", OnlineHours),
            ("faceRecognitionRequired", FaceRecognitionRequired),
            ("examPointMayTrain", ExamPointMayTrain),
            ("internalTrainers", InternalTrainers),
            ("internalTrainersPerWorkType", InternalTrainersPerWorkType),
            ("annualAllStaffAssessment", AnnualAllStaffAssessment),
            ("teamLeaderRotationDeadline", TeamLeaderRotationDeadline),
            ("qaReplacingPracticalForbidden", QaReplacingPracticalForbidden),
            ("keySkillFailFailsAssessment", KeySkillFailFailsAssessment),
            ("failedAssessmentTakesOffPost", FailedAssessmentTakesOffPost),
            ("practicalOnPostByInternalTrainer", PracticalOnPostByInternalTrainer),
            ("videoRetentionCoversCertificateValidity", VideoRetentionCoversCertificateValidity),
            ("lateEntryDays", LateEntryDays),
            ("subsidySpecialOperationInitial", SubsidySpecialOperationInitial),
            ("subsidySpecialOperationReview", SubsidySpecialOperationReview),
            ("subsidySafetyQualificationInitial", SubsidySafetyQualificationInitial),
            ("subsidyResidency", SubsidyResidency),
            ("subsidyEmploymentRequired", SubsidyEmploymentRequired),
            ("subsidyInstitutionListed", SubsidyInstitutionListed),
            ("subsidyCertificateVerification", SubsidyCertificateVerification),
            ("subsidyAuthorities", SubsidyAuthorities),
            ("subsidyTrainingConditions", SubsidyTrainingConditions),
            ("newCertificateIssuanceWorkingDays", NewCertificateIssuanceWorkingDays),
            ("reviewIssuanceWorkingDays", ReviewIssuanceWorkingDays),
            ("institutionRuleIds", InstitutionRuleIds),
            ("newCoalApplicantSeniorSecondary", NewCoalApplicantSeniorSecondary),
            ("reviewSubsidyIncludesRenewal", ReviewSubsidyIncludesRenewal),
            ("subsidyPaidByOwnLevel", SubsidyPaidByOwnLevel),
            ("archiveRetentionYears", ArchiveRetentionYears),
            ("specialOperationArchiveCoversCertificateValidity", SpecialOperationArchiveCoversCertificateValidity),
            ("auditFormWording", AuditFormWording),
        };
        return all.Where(p => p.Rule is not null).Select(p => KeyValuePair.Create(p.Name, p.Rule!)).ToList();
    }
}
