using NodaTime;

namespace Ledger.Domain.Institutions;

/// <summary>The answer to "where did this institution stand on day D" as far as its filing goes.</summary>
public enum InstitutionStatus
{
    NotYetRegistered,
    /// <summary>Known to the ledger but not filed (备案) yet: it may not train.</summary>
    NotFiled,
    Filed,
    Suspended,
    FilingCancelled,
}

// Every period below is half-open, [From, Until): the day a withdrawal, delisting or reinstatement takes effect
// already counts under the new state, the same reading the certificate lifecycle gives its effective dates.

/// <param name="WeeklyCapacity">Trainees the filing says the institution can certify in a week; far more is a fraud signal.</param>
public sealed record InstitutionFiling(string FilingAuthority, IReadOnlyList<string> Scope, LocalDate FiledOn, int? WeeklyCapacity = null);

public sealed record PracticalCapabilityPeriod(string WorkType, string Facilities, LocalDate From, LocalDate? Until)
{
    public bool Covers(LocalDate date) => From <= date && (Until is null || date < Until);
}

public sealed record HrListingPeriod(string Catalogue, LocalDate From, LocalDate? Until)
{
    public bool Covers(LocalDate date) => From <= date && (Until is null || date < Until);
}

public sealed record SuspensionPeriod(LocalDate From, LocalDate? Until, string Reason, string? LegalBasis)
{
    public bool Covers(LocalDate date) => From <= date && (Until is null || date < Until);
}

public sealed record ExamPointPeriod(IReadOnlyList<string> Scope, string Area, string DesignatedBy, LocalDate From, LocalDate? Until)
{
    public bool Covers(LocalDate date) => From <= date && (Until is null || date < Until);
}

/// <summary>
/// An organisation that trains or examines, with every status kept as dated periods so that any question
/// ("might it train electricians on 3 May?") is answered for the day asked, not for today.
/// </summary>
public sealed record Institution(
    Guid Id,
    string CreditCode,
    string Name,
    InstitutionKind Kind,
    string Jurisdiction,
    LocalDate RegisteredOn,
    IReadOnlyList<InstitutionFiling> Filings,
    IReadOnlyList<PracticalCapabilityPeriod> PracticalCapabilities,
    IReadOnlyList<HrListingPeriod> HrListings,
    IReadOnlyList<SuspensionPeriod> Suspensions,
    IReadOnlyList<ExamPointPeriod> ExamPointDesignations,
    LocalDate? FilingCancelledOn)
{
    public long Version { get; init; }

    public static Institution Create(InstitutionRegistered e) =>
        new(e.InstitutionId, e.CreditCode, e.Name, e.Kind, e.Jurisdiction, e.RegisteredOn, [], [], [], [], [], null);

    public Institution Apply(InstitutionFiled e) => this with { Filings = [.. Filings, new(e.FilingAuthority, e.Scope, e.FiledOn, e.WeeklyCapacity)] };

    public Institution Apply(PracticalCapabilityRecorded e) =>
        this with { PracticalCapabilities = [.. PracticalCapabilities, new(e.WorkType, e.Facilities, e.RecordedOn, null)] };

    public Institution Apply(PracticalCapabilityWithdrawn e) =>
        this with { PracticalCapabilities = [.. PracticalCapabilities.Select(p => p.WorkType == e.WorkType && p.Until is null ? p with { Until = e.On } : p)] };

    public Institution Apply(InstitutionListedInHrCatalogue e) => this with { HrListings = [.. HrListings, new(e.Catalogue, e.ListedOn, null)] };

    public Institution Apply(InstitutionDelistedFromHrCatalogue e) =>
        this with { HrListings = [.. HrListings.Select(l => l.Until is null ? l with { Until = e.On } : l)] };

    public Institution Apply(InstitutionSuspended e) => this with { Suspensions = [.. Suspensions, new(e.From, null, e.Reason, e.LegalBasis)] };

    public Institution Apply(InstitutionReinstated e) =>
        this with { Suspensions = [.. Suspensions.Select(s => s.Until is null ? s with { Until = e.On } : s)] };

    public Institution Apply(InstitutionFilingCancelled e) => this with { FilingCancelledOn = e.On };

    public Institution Apply(ExamPointDesignated e) =>
        this with { ExamPointDesignations = [.. ExamPointDesignations, new(e.Scope, e.Area, e.DesignatedBy, e.On, null)] };

    public Institution Apply(ExamPointDesignationWithdrawn e) =>
        this with { ExamPointDesignations = [.. ExamPointDesignations.Select(d => d.Until is null ? d with { Until = e.On } : d)] };

    // Current state, as the decider needs it: the open period, whatever its date.

    public bool IsFilingCancelled => FilingCancelledOn is not null;

    public SuspensionPeriod? OpenSuspension => Suspensions.LastOrDefault(s => s.Until is null);

    public HrListingPeriod? OpenHrListing => HrListings.LastOrDefault(l => l.Until is null);

    public ExamPointPeriod? OpenExamPointDesignation => ExamPointDesignations.LastOrDefault(d => d.Until is null);

    public PracticalCapabilityPeriod? OpenPracticalCapability(string workType) =>
        PracticalCapabilities.LastOrDefault(p => p.WorkType == workType && p.Until is null);

    // Questions for a business date.

    public InstitutionStatus StatusOn(LocalDate date)
    {
        if (date < RegisteredOn) return InstitutionStatus.NotYetRegistered;
        if (FilingCancelledOn is { } cancelled && date >= cancelled) return InstitutionStatus.FilingCancelled;
        if (FilingOn(date) is null) return InstitutionStatus.NotFiled;
        return Suspensions.Any(s => s.Covers(date)) ? InstitutionStatus.Suspended : InstitutionStatus.Filed;
    }

    /// <summary>The filing in force on the day: the latest one dated on or before it, whose scope replaced any earlier one.</summary>
    public InstitutionFiling? FilingOn(LocalDate date) =>
        date < RegisteredOn ? null : Filings.Where(f => f.FiledOn <= date).OrderBy(f => f.FiledOn).LastOrDefault();

    /// <summary>The filed scope on the day; empty when not filed or cancelled, which is what a training check needs.</summary>
    public IReadOnlyList<string> ScopeOn(LocalDate date) =>
        StatusOn(date) is InstitutionStatus.Filed or InstitutionStatus.Suspended ? FilingOn(date)!.Scope : [];

    public IReadOnlyList<PracticalCapabilityPeriod> PracticalCapabilitiesOn(LocalDate date) =>
        [.. PracticalCapabilities.Where(p => p.Covers(date))];

    public HrListingPeriod? HrListingOn(LocalDate date) => HrListings.LastOrDefault(l => l.Covers(date));

    public bool IsListedOn(LocalDate date) => HrListingOn(date) is not null;

    public ExamPointPeriod? ExamPointDesignationOn(LocalDate date) => ExamPointDesignations.LastOrDefault(d => d.Covers(date));

    public bool IsExamPointOn(LocalDate date) => ExamPointDesignationOn(date) is not null;

    /// <summary>
    /// Whether the institution may train a work type on a day: filed with the work type in scope (JZ-INS-02),
    /// not suspended (TZ-ENF-01) nor cancelled, and with practical-operation conditions for it (JZ-INS-01,
    /// HLJ-INS-01). HR listing is not asked here: it governs subsidies, not whether training may happen.
    /// When it may not, <paramref name="ruleId"/> and <paramref name="reason"/> say why; otherwise both are null.
    /// </summary>
    public bool MayTrainOn(string workType, LocalDate date, Policies.PolicyCatalog policies, out string? ruleId, out string? reason)
    {
        var may = MayTrainOn(workType, date, out var kind, out reason);
        ruleId = kind is null ? null : InstitutionRules.Cite(policies, Jurisdiction, date, kind);
        return may;
    }

    /// <summary>As above, with the kind of refusal (<see cref="InstitutionRules"/>' FilingRequired, PracticalConditions, SuspendedMayNotTrain) for the rule id.</summary>
    private bool MayTrainOn(string workType, LocalDate date, out string? ruleId, out string? reason)
    {
        (ruleId, reason) = StatusOn(date) switch
        {
            InstitutionStatus.NotYetRegistered => (InstitutionRules.FilingRequired, $"the institution was not registered on {date:uuuu-MM-dd}"),
            InstitutionStatus.NotFiled => (InstitutionRules.FilingRequired, $"the institution was not filed (备案) on {date:uuuu-MM-dd}"),
            InstitutionStatus.FilingCancelled => (InstitutionRules.FilingRequired, $"the institution's filing was cancelled on {FilingCancelledOn:uuuu-MM-dd}"),
            InstitutionStatus.Suspended => (InstitutionRules.SuspendedMayNotTrain, $"the institution was suspended for rectification (停业整顿) on {date:uuuu-MM-dd}"),
            _ when !ScopeOn(date).Contains(workType) => (InstitutionRules.FilingRequired, $"work type '{workType}' was outside the filed scope on {date:uuuu-MM-dd}"),
            _ when !PracticalCapabilities.Any(p => p.WorkType == workType && p.Covers(date)) =>
                (InstitutionRules.PracticalConditions, $"the institution had no practical-operation conditions for '{workType}' on {date:uuuu-MM-dd}"),
            _ => ((string?)null, (string?)null),
        };
        return ruleId is null;
    }
}
