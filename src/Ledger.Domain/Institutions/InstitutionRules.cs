using NodaTime;

namespace Ledger.Domain.Institutions;

/// <summary>
/// Rule ids for institutions. Catalogue ids name the rules a training check cites; the kebab-case codes name
/// the ledger's own consistency rules for the institution's lifecycle, which the catalogue does not number.
/// </summary>
public static class InstitutionRules
{
    public const string FilingRequired = "JZ-INS-02";
    public const string PracticalConditions = "JZ-INS-01";
    public const string PracticalConditionsPerWorkType = "HLJ-INS-01";
    public const string SuspendedMayNotTrain = "TZ-ENF-01";
    public const string HrCatalogue = "HLJ-INS-06";
    public const string ExamPointsMayNotTrain = "QF-EXM-03";
    public const string ExamPointAlsoTrains = Claims.FraudPatterns.ExamPointTrains;

    public const string FilingCancelledIsFinal = "institution-filing-cancelled";
    public const string DatesFollowRegistration = "institution-dates-follow-registration";
    public const string DatesInOrder = "institution-dates-in-order";
    public const string SuspendOnlyFiledInForce = "institution-suspend-only-filed-in-force";
    public const string ReinstateOnlySuspended = "institution-reinstate-only-suspended";
    public const string CancelOnlyFiled = "institution-cancel-only-filed";
    public const string CapabilityAlreadyRecorded = "practical-capability-already-recorded";
    public const string CapabilityNotRecorded = "practical-capability-not-recorded";
    public const string AlreadyListed = "hr-catalogue-already-listed";
    public const string NotListed = "hr-catalogue-not-listed";
    public const string AlreadyDesignated = "exam-point-already-designated";
    public const string NotDesignated = "exam-point-not-designated";

    /// <summary>
    /// The rule a refusal of this kind cites in the institution's jurisdiction on the day: that jurisdiction's document where one
    /// speaks (JZ-INS-01/02 in Jizhou, HLJ-INS-01 in Heilongjiang, TZ-ENF-01 in Taizhou…), else the national rule or the ledger's own.
    /// </summary>
    public static string Cite(Policies.PolicyCatalog policies, string jurisdiction, LocalDate date, string kind)
    {
        if (policies.Find(jurisdiction) is null || policies.For(jurisdiction, date).Parameters.InstitutionRuleIds is not { } rule) return kind;
        return kind switch
        {
            FilingRequired => rule.Value.Filing,
            PracticalConditions => rule.Value.PracticalConditions,
            SuspendedMayNotTrain => rule.Value.Suspension,
            _ => kind,
        };
    }

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [FilingRequired] = "Only institutions filed (备案) with the emergency bureau train, and only within the filed scope (Jizhou).",
        [PracticalConditions] = "Only institutions with practical-operation conditions train special operations (Jizhou).",
        [PracticalConditionsPerWorkType] = "An institution without practical conditions for a work type may not train it (Heilongjiang).",
        [SuspendedMayNotTrain] = "An institution suspended for rectification (停业整顿) runs no classes (Taizhou).",
        [HrCatalogue] = "Subsidised training institutions are on the HR department's catalogue (Heilongjiang; Nanning NN-INS-01).",
        [ExamPointsMayNotTrain] = "Exam points must not run safety-training business (Qufu, 考培分离).",
        [ExamPointAlsoTrains] = "An exam point that also trains is a fraud risk where it is not forbidden.",
        [FilingCancelledIsFinal] = "A cancelled filing takes no further step; only withdrawals of capability, listing and exam-point designation remain possible.",
        [DatesFollowRegistration] = "No institution event is dated before the institution's registration.",
        [DatesInOrder] = "An event cannot precede the one it ends or replaces, so status periods never overlap.",
        [SuspendOnlyFiledInForce] = "Only a filed institution that is not already suspended can be suspended.",
        [ReinstateOnlySuspended] = "Only a suspended institution can be reinstated.",
        [CancelOnlyFiled] = "Only a filed institution can have its filing cancelled.",
        [CapabilityAlreadyRecorded] = "Practical capability for a work type is recorded once until it is withdrawn.",
        [CapabilityNotRecorded] = "Only recorded practical capability can be withdrawn.",
        [AlreadyListed] = "An institution is listed in the HR catalogue once until it is delisted.",
        [NotListed] = "Only a listed institution can be delisted.",
        [AlreadyDesignated] = "An exam-point designation is withdrawn before a new one is made.",
        [NotDesignated] = "Only a designated exam point can lose its designation.",
    };
}
