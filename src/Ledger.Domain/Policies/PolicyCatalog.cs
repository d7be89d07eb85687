using System.Collections.Frozen;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Domain.Policies;

/// <summary>
/// Jurisdictions and the versioned policy packs of each, read from <c>Policies/Data/policy-packs.json</c>
/// (rules.md 0.4: rules are jurisdiction-scoped and time-boxed, and an event is judged by the versions in force
/// on its business date, not on the day it is processed).
/// </summary>
/// <remarks>
/// A jurisdiction's parameters on a date come from its one version in force that day; when versions of one
/// jurisdiction overlap, the latest <see cref="PolicyVersion.EffectiveFrom"/> wins outright, so a rule change
/// is published as a complete new version, and a parameter it leaves out falls to the parent jurisdiction.
/// </remarks>
public sealed partial class PolicyCatalog
{
    private const string ResourceFileName = "policy-packs.json";

    private static readonly Lazy<PolicyCatalog> LazyDefault = new(() =>
    {
        using var json = ReferenceData.OpenEmbedded(ResourceFileName);
        return Load(json);
    });

    private readonly FrozenDictionary<string, Jurisdiction> _jurisdictions;
    private readonly FrozenDictionary<string, IReadOnlyList<Jurisdiction>> _chains;
    private readonly FrozenDictionary<string, PolicyVersion[]> _versionsByJurisdiction;

    private PolicyCatalog(IReadOnlyList<Jurisdiction> jurisdictions, IReadOnlyList<PolicyVersion> versions)
    {
        Jurisdictions = jurisdictions;
        Versions = versions;
        _jurisdictions = Validate(jurisdictions);
        _chains = jurisdictions.ToFrozenDictionary(j => j.Code, j => BuildChain(j), StringComparer.Ordinal);
        foreach (var version in versions) Validate(version);

        var ids = versions.GroupBy(v => v.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (ids is not null) throw new InvalidDataException($"The policy version id '{ids.Key}' appears more than once.");

        // Latest effectiveFrom first, so the first version in force on a date is the one that supersedes the others.
        _versionsByJurisdiction = versions.GroupBy(v => v.Jurisdiction, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(v => v.EffectiveFrom).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The packs embedded in this assembly, read once on first use.</summary>
    public static PolicyCatalog Default => LazyDefault.Value;

    public IReadOnlyList<Jurisdiction> Jurisdictions { get; }

    public IReadOnlyList<PolicyVersion> Versions { get; }

    /// <summary>
    /// Reads a catalog in the shape of the embedded <c>policy-packs.json</c>. Throws <see cref="InvalidDataException"/>
    /// on malformed or inconsistent data: an unknown jurisdiction or parent, a missing rule id, an inverted window.
    /// </summary>
    public static PolicyCatalog Load(Stream json)
    {
        var file = ReferenceData.Read<PackFile>(json, "Policy packs");
        return new PolicyCatalog(file.ToJurisdictions(), file.ToVersions());
    }

    /// <summary>
    /// This catalog plus the jurisdictions and versions of another pack file, whose jurisdictions may hang below
    /// existing ones. Throws <see cref="InvalidDataException"/> as <see cref="Load"/> does, and on a code or id
    /// this catalog already has: a pack file cannot quietly replace published data.
    /// </summary>
    public PolicyCatalog WithPack(Stream json)
    {
        var file = ReferenceData.Read<PackFile>(json, "Policy pack");
        return new PolicyCatalog([.. Jurisdictions, .. file.ToJurisdictions()], [.. Versions, .. file.ToVersions()]);
    }

    /// <summary>
    /// A new catalog with one more version: how a test or an operator publishes a rule change with a new effective date.
    /// Dates before its <see cref="PolicyVersion.EffectiveFrom"/> are still judged by the versions in force then.
    /// </summary>
    public PolicyCatalog With(PolicyVersion extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        return new PolicyCatalog(Jurisdictions, [.. Versions, extra]);
    }

    /// <summary>Exact, case-sensitive lookup: codes are stored as written here.</summary>
    public Jurisdiction? Find(string code) => _jurisdictions.GetValueOrDefault(code);

    /// <summary>The jurisdiction and its ancestors, itself first and the national root last; empty for an unknown code.</summary>
    public IReadOnlyList<Jurisdiction> ChainOf(string code) => _chains.GetValueOrDefault(code) ?? [];

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestorCode"/> or lies below it.</summary>
    public bool IsWithin(string code, string ancestorCode) => ChainOf(code).Any(j => j.Code == ancestorCode);

    /// <summary>
    /// The parameters in force in <paramref name="jurisdiction"/> on <paramref name="on"/>: each parameter from the nearest
    /// jurisdiction of the chain whose version in force that day sets it.
    /// </summary>
    public EffectivePolicy For(string jurisdiction, LocalDate on) => Resolve(jurisdiction, on, p => p);

    /// <summary>
    /// The parameters in force for one unit in <paramref name="jurisdiction"/> on <paramref name="on"/>: as <see cref="For(string, LocalDate)"/>,
    /// but a rule scoped to high-risk enterprises binds only one (JZ-SCP-01, HLJ-SCP-01), and any other unit takes the rule the same level
    /// sets for other units or else the parent's, in the end the national rule for every unit.
    /// </summary>
    public EffectivePolicy For(string jurisdiction, LocalDate on, bool highRiskEnterprise) => Resolve(jurisdiction, on, p => p.For(highRiskEnterprise));

    private EffectivePolicy Resolve(string jurisdiction, LocalDate on, Func<PolicyParameters, PolicyParameters> binding)
    {
        var chain = ChainOf(jurisdiction);
        if (chain.Count == 0) throw new ArgumentException($"Unknown jurisdiction '{jurisdiction}'.", nameof(jurisdiction));

        var parameters = PolicyParameters.None;
        var versionIds = new List<string>();
        foreach (var level in chain)
        {
            var version = _versionsByJurisdiction.GetValueOrDefault(level.Code)?.FirstOrDefault(v => v.InForceOn(on));
            if (version is null) continue;
            parameters = parameters.Merge(binding(version.Parameters));
            versionIds.Add(version.Id);
        }

        return new EffectivePolicy(jurisdiction, on, parameters, versionIds);
    }

    private IReadOnlyList<Jurisdiction> BuildChain(Jurisdiction start)
    {
        var chain = new List<Jurisdiction> { start };
        for (var parent = start.Parent; parent is not null; parent = _jurisdictions[parent].Parent)
            chain.Add(_jurisdictions[parent]);
        return chain.AsReadOnly();
    }

    private static FrozenDictionary<string, Jurisdiction> Validate(IReadOnlyList<Jurisdiction> jurisdictions)
    {
        var byCode = new Dictionary<string, Jurisdiction>(StringComparer.Ordinal);
        foreach (var j in jurisdictions)
        {
            if (!KebabCase().IsMatch(j.Code)) throw new InvalidDataException($"Jurisdiction code '{j.Code}' is not kebab-case.");
            if (string.IsNullOrWhiteSpace(j.NameZh) || string.IsNullOrWhiteSpace(j.NameEn))
                throw new InvalidDataException($"Jurisdiction '{j.Code}' needs a Chinese and an English name.");
            if (!byCode.TryAdd(j.Code, j)) throw new InvalidDataException($"The jurisdiction code '{j.Code}' appears more than once.");
        }

        var roots = jurisdictions.Where(j => j.Parent is null).ToList();
        if (roots.Count != 1 || roots[0].Level != JurisdictionLevel.National)
            throw new InvalidDataException("Policy packs need exactly one jurisdiction without a parent, at national level.");

        foreach (var j in jurisdictions.Where(j => j.Parent is not null))
        {
            if (!byCode.TryGetValue(j.Parent!, out var parent))
                throw new InvalidDataException($"Jurisdiction '{j.Code}' names unknown parent '{j.Parent}'.");
            // Strictly deeper than the parent, which also rules out cycles.
            if (j.Level <= parent.Level)
                throw new InvalidDataException($"Jurisdiction '{j.Code}' ({j.Level}) cannot sit below '{parent.Code}' ({parent.Level}).");
        }

        return byCode.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private void Validate(PolicyVersion v)
    {
        if (!KebabCase().IsMatch(v.Id)) throw new InvalidDataException($"Policy version id '{v.Id}' is not kebab-case.");
        if (!_jurisdictions.ContainsKey(v.Jurisdiction))
            throw new InvalidDataException($"Policy version '{v.Id}' names unknown jurisdiction '{v.Jurisdiction}'.");
        if (v.EffectiveUntil is { } until && until < v.EffectiveFrom)
            throw new InvalidDataException($"Policy version '{v.Id}' ends on {until:uuuu-MM-dd}, before it starts on {v.EffectiveFrom:uuuu-MM-dd}.");
        if (string.IsNullOrWhiteSpace(v.Source)) throw new InvalidDataException($"Policy version '{v.Id}' names no source.");
        ArgumentNullException.ThrowIfNull(v.Parameters);

        foreach (var (name, rule) in v.Parameters.SetRules())
        {
            foreach (var r in new[] { rule, rule.OtherUnitsRule }.OfType<IPolicyRule>())
            {
                if (string.IsNullOrWhiteSpace(r.RuleId) || !RuleIdFormat().IsMatch(r.RuleId))
                    throw new InvalidDataException($"Policy version '{v.Id}' parameter '{name}' has rule id '{r.RuleId}', not of the form JUR-CAT-NN or FR-NN.");
            }
            if (rule.OtherUnitsRule is not null && (rule.Scope == RuleScope.AllUnits || rule.OtherUnitsRule.Scope != RuleScope.AllUnits))
                throw new InvalidDataException($"Policy version '{v.Id}' parameter '{name}': otherUnits belongs to a scoped rule and binds all the units it leaves out.");
        }

        var p = v.Parameters;
        Positive(v, "newHireMinHours", p.NewHireMinHours);
        Positive(v, "offPostRetrainMonths", p.OffPostRetrainMonths);
        Positive(v, "internalTrainersPerWorkType", p.InternalTrainersPerWorkType);
        Positive(v, "lateEntryDays", p.LateEntryDays);
        Positive(v, "archiveRetentionYears", p.ArchiveRetentionYears);
        Positive(v, "newCertificateIssuanceWorkingDays", p.NewCertificateIssuanceWorkingDays);
        Positive(v, "reviewIssuanceWorkingDays", p.ReviewIssuanceWorkingDays);
        if (p.OnlineHours?.Value is { } online)
        {
            var ok = online.Counting == OnlineHoursCounting.Full
                ? online.MaxShare is null
                : online.MaxShare is null or (> 0m and <= 1m);
            if (!ok) throw new InvalidDataException($"Policy version '{v.Id}' onlineHours: maxShare must be in (0, 1] for proportion counting and absent for full counting.");
        }
        if (p.InternalTrainers?.Value is { } ratio && (ratio.HighRiskPerMille < 0 || ratio.HighRiskMinimum < 0 || ratio.OtherAboveSizePerMille < 0))
            throw new InvalidDataException($"Policy version '{v.Id}' internalTrainers has a negative ratio.");
    }

    private static void Positive(PolicyVersion v, string name, Rule<int>? rule)
    {
        if (rule is not null && rule.Value <= 0) throw new InvalidDataException($"Policy version '{v.Id}' {name} must be positive, not {rule.Value}.");
        if (rule?.OtherUnits is { } other) Positive(v, name, other);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    // rules.md 0.2: <JUR>-<CAT>-<NN>; section 4's fraud patterns are FR-NN.
    [GeneratedRegex("^([A-Z]{2,4}-[A-Z]{3}-[0-9]{2}|FR-[0-9]{2})$")]
    private static partial Regex RuleIdFormat();

    private sealed record PackFile(
        string Source,
        IReadOnlyList<JurisdictionFile?> Jurisdictions,
        IReadOnlyList<VersionFile?> Versions)
    {
        public IReadOnlyList<Jurisdiction> ToJurisdictions() =>
            Jurisdictions.Select(j => j is null ? throw new InvalidDataException("Policy packs 'jurisdictions' contains a null entry.") : j.ToJurisdiction()).ToList();

        public IReadOnlyList<PolicyVersion> ToVersions() =>
            Versions.Select(v => v is null ? throw new InvalidDataException("Policy packs 'versions' contains a null entry.") : v.ToVersion()).ToList();
    }

    private sealed record JurisdictionFile(string Code, string NameZh, string NameEn, string Level, string? Parent)
    {
        public Jurisdiction ToJurisdiction() => new(Code, NameZh, NameEn, Level switch
        {
            "national" => JurisdictionLevel.National,
            "province" => JurisdictionLevel.Province,
            "city" => JurisdictionLevel.City,
            "district" => JurisdictionLevel.District,
            _ => throw new InvalidDataException($"Jurisdiction '{Code}' has level '{Level}', not national, province, city or district."),
        }, Parent);
    }

    private sealed record VersionFile(
        string Id,
        string Jurisdiction,
        string EffectiveFrom,
        string? EffectiveUntil,
        string Source,
        ParametersFile Parameters)
    {
        public PolicyVersion ToVersion() => new(
            Id, Jurisdiction, Date(EffectiveFrom, Id, "effectiveFrom"), EffectiveUntil is null ? null : Date(EffectiveUntil, Id, "effectiveUntil"),
            Source, Parameters.ToParameters(Id));
    }

    private sealed record RuleFile<T>(T Value, string RuleId, string? Note = null, string? Scope = null, RuleFile<T>? OtherUnits = null)
    {
        public Rule<TOut> To<TOut>(Func<T, TOut> convert) => new(convert(Value), RuleId, Note, Scope switch
        {
            null or "all-units" => RuleScope.AllUnits,
            "high-risk-enterprises" => RuleScope.HighRiskEnterprises,
            _ => throw new InvalidDataException($"Rule '{RuleId}' has scope '{Scope}', not all-units or high-risk-enterprises."),
        }, OtherUnits?.To(convert));

        public Rule<T> Plain() => To(v => v);
    }

    private sealed record OnlineHoursFile(string Counting, decimal? MaxShare = null);

    private sealed record ParametersFile(
        RuleFile<int>? NewHireMinHours = null,
        RuleFile<int>? OffPostRetrainMonths = null,
        RuleFile<bool>? RetrainOnPostChange = null,
        RuleFile<bool>? RetrainOnFourNew = null,
        RuleFile<OnlineHoursFile>? OnlineHours = null,
        RuleFile<bool>? FaceRecognitionRequired = null,
        RuleFile<string>? ExamPointMayTrain = null,
        RuleFile<InternalTrainerRatio>? InternalTrainers = null,
        RuleFile<int>? InternalTrainersPerWorkType = null,
        RuleFile<bool>? AnnualAllStaffAssessment = null,
        RuleFile<string>? TeamLeaderRotationDeadline = null,
        RuleFile<bool>? QaReplacingPracticalForbidden = null,
        RuleFile<bool>? KeySkillFailFailsAssessment = null,
        RuleFile<bool>? FailedAssessmentTakesOffPost = null,
        RuleFile<bool>? PracticalOnPostByInternalTrainer = null,
        RuleFile<bool>? VideoRetentionCoversCertificateValidity = null,
        RuleFile<int>? LateEntryDays = null,
        RuleFile<SubsidyAmountFile>? SubsidySpecialOperationInitial = null,
        RuleFile<SubsidyAmountFile>? SubsidySpecialOperationReview = null,
        RuleFile<SubsidyAmountFile>? SubsidySafetyQualificationInitial = null,
        RuleFile<ResidencyRequirement>? SubsidyResidency = null,
        RuleFile<bool>? SubsidyEmploymentRequired = null,
        RuleFile<bool>? SubsidyInstitutionListed = null,
        RuleFile<bool>? SubsidyCertificateVerification = null,
        RuleFile<AuthoritiesFile>? SubsidyAuthorities = null,
        RuleFile<ConditionsFile>? SubsidyTrainingConditions = null,
        RuleFile<int>? NewCertificateIssuanceWorkingDays = null,
        RuleFile<int>? ReviewIssuanceWorkingDays = null,
        RuleFile<InstitutionRuleIds>? InstitutionRuleIds = null,
        RuleFile<bool>? NewCoalApplicantSeniorSecondary = null,
        RuleFile<bool>? ReviewSubsidyIncludesRenewal = null,
        RuleFile<bool>? SubsidyPaidByOwnLevel = null,
        RuleFile<int>? ArchiveRetentionYears = null,
        RuleFile<bool>? SpecialOperationArchiveCoversCertificateValidity = null,
        RuleFile<AuditFormWording>? AuditFormWording = null)
    {
        public PolicyParameters ToParameters(string versionId) => new(
            NewHireMinHours?.Plain(),
            OffPostRetrainMonths?.Plain(),
            RetrainOnPostChange?.Plain(),
            RetrainOnFourNew?.Plain(),
            OnlineHours?.To(o => new OnlineHoursRule(o switch
            {
                null => throw new InvalidDataException($"Policy version '{versionId}' onlineHours has no value."),
                { Counting: "proportion" } => OnlineHoursCounting.Proportion,
                { Counting: "full" } => OnlineHoursCounting.Full,
                _ => throw new InvalidDataException($"Policy version '{versionId}' onlineHours counting '{o.Counting}' is not proportion or full."),
            }, o.MaxShare)),
            FaceRecognitionRequired?.Plain(),
            ExamPointMayTrain?.To(e => e switch
            {
                "forbidden" => ExamPointTraining.Forbidden,
                "flag" => ExamPointTraining.Flag,
                "allowed" => ExamPointTraining.Allowed,
                _ => throw new InvalidDataException($"Policy version '{versionId}' examPointMayTrain '{e}' is not forbidden, flag or allowed."),
            }),
            InternalTrainers?.To(r => r ?? throw new InvalidDataException($"Policy version '{versionId}' internalTrainers has no value.")),
            InternalTrainersPerWorkType?.Plain(),
            AnnualAllStaffAssessment?.Plain(),
            TeamLeaderRotationDeadline?.To(d => Date(d, versionId, "teamLeaderRotationDeadline")),
            QaReplacingPracticalForbidden?.Plain(),
            KeySkillFailFailsAssessment?.Plain(),
            FailedAssessmentTakesOffPost?.Plain(),
            PracticalOnPostByInternalTrainer?.Plain(),
            VideoRetentionCoversCertificateValidity?.Plain(),
            LateEntryDays?.Plain(),
            SubsidySpecialOperationInitial?.To(a => a.ToAmount(versionId)),
            SubsidySpecialOperationReview?.To(a => a.ToAmount(versionId)),
            SubsidySafetyQualificationInitial?.To(a => a.ToAmount(versionId)),
            SubsidyResidency?.To(r => r ?? throw new InvalidDataException($"Policy version '{versionId}' subsidyResidency has no value.")),
            SubsidyEmploymentRequired?.Plain(),
            SubsidyInstitutionListed?.Plain(),
            SubsidyCertificateVerification?.Plain(),
            SubsidyAuthorities?.To(a => a.ToAuthorities(versionId)),
            SubsidyTrainingConditions?.To(c => c.ToConditions(versionId)),
            NewCertificateIssuanceWorkingDays?.Plain(),
            ReviewIssuanceWorkingDays?.Plain(),
            InstitutionRuleIds?.To(i => i is not null && RuleIdFormat().IsMatch(i.Filing) && RuleIdFormat().IsMatch(i.PracticalConditions) && RuleIdFormat().IsMatch(i.Suspension)
                ? i : throw new InvalidDataException($"Policy version '{versionId}' institutionRuleIds needs three rule ids.")),
            NewCoalApplicantSeniorSecondary?.Plain(),
            ReviewSubsidyIncludesRenewal?.Plain(),
            SubsidyPaidByOwnLevel?.Plain(),
            ArchiveRetentionYears?.Plain(),
            SpecialOperationArchiveCoversCertificateValidity?.Plain(),
            AuditFormWording?.To(w => w is not null && !string.IsNullOrWhiteSpace(w.Commitment) && !string.IsNullOrWhiteSpace(w.Attestation)
                ? w : throw new InvalidDataException($"Policy version '{versionId}' auditFormWording needs the commitment and the attestation.")));
    }

    private sealed record AuthoritiesFile(string Verifier, string Approver, string Payer, string Auditor)
    {
        public SubsidyAuthorities ToAuthorities(string versionId) =>
            new(Role(Verifier, versionId, "verifier"), Role(Approver, versionId, "approver"), Role(Payer, versionId, "payer"), Role(Auditor, versionId, "auditor"));

        private static Actors.ActorRole Role(string role, string versionId, string step) => role switch
        {
            "regulator" => Actors.ActorRole.Regulator,
            "hr-bureau" => Actors.ActorRole.HrBureau,
            "finance-bureau" => Actors.ActorRole.FinanceBureau,
            _ => throw new InvalidDataException($"Policy version '{versionId}' subsidyAuthorities {step} '{role}' is not regulator, hr-bureau or finance-bureau."),
        };
    }

    private sealed record ConditionFile(string Enforcement, string RuleId, string Clause)
    {
        public SubsidyCondition ToCondition(string versionId) => RuleIdFormat().IsMatch(RuleId) && !string.IsNullOrWhiteSpace(Clause)
            ? new(Enforcement switch
            {
                "block" => ConditionEnforcement.Block,
                "flag" => ConditionEnforcement.Flag,
                _ => throw new InvalidDataException($"Policy version '{versionId}' subsidyTrainingConditions enforcement '{Enforcement}' is not block or flag."),
            }, RuleId, Clause)
            : throw new InvalidDataException($"Policy version '{versionId}' subsidyTrainingConditions needs a rule id and the clause for each condition.");
    }

    private sealed record ConditionsFile(ConditionFile SyllabusHours, ConditionFile Practical, ConditionFile Video)
    {
        public SubsidyTrainingConditions ToConditions(string versionId) =>
            new(SyllabusHours.ToCondition(versionId), Practical.ToCondition(versionId), Video.ToCondition(versionId));
    }

    private sealed record SubsidyAmountFile(decimal Min, decimal Max, string Choice)
    {
        public SubsidyAmount ToAmount(string versionId) => Min < 0 || Max < Min
            ? throw new InvalidDataException($"Policy version '{versionId}' has a subsidy range {Min}..{Max}.")
            : new SubsidyAmount(Min, Max, Choice switch
            {
                "minimum" => SubsidyAmountChoice.Minimum,
                "maximum" => SubsidyAmountChoice.Maximum,
                "requested-within-range" => SubsidyAmountChoice.RequestedWithinRange,
                _ => throw new InvalidDataException($"Policy version '{versionId}' subsidy choice '{Choice}' is not minimum, maximum or requested-within-range."),
            });
    }

    private static LocalDate Date(string? text, string versionId, string property)
    {
        var result = LocalDatePattern.Iso.Parse(text ?? "");
        return result.Success
            ? result.Value
            : throw new InvalidDataException($"Policy version '{versionId}' {property} '{text}' is not a date written yyyy-MM-dd.");
    }
}
