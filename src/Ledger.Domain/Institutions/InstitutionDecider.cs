using Ledger.Domain.Certificates;
using NodaTime;

namespace Ledger.Domain.Institutions;

public sealed record RegisterInstitution(Guid InstitutionId, string CreditCode, string Name, InstitutionKind Kind, string Jurisdiction, LocalDate RegisteredOn);

public sealed record FileInstitution(string FilingAuthority, IReadOnlyList<string> Scope, LocalDate FiledOn, string Reason, int? WeeklyCapacity = null);

public sealed record RecordPracticalCapability(string WorkType, string Facilities, LocalDate RecordedOn);

public sealed record WithdrawPracticalCapability(string WorkType, LocalDate On, string Reason);

public sealed record ListInHrCatalogue(string Catalogue, LocalDate ListedOn);

public sealed record DelistFromHrCatalogue(LocalDate On, string Reason);

public sealed record SuspendInstitution(LocalDate From, string Reason, string? LegalBasis);

public sealed record ReinstateInstitution(LocalDate On, string Reason);

public sealed record CancelInstitutionFiling(LocalDate On, string Reason);

public sealed record DesignateExamPoint(IReadOnlyList<string> Scope, string Area, string DesignatedBy, LocalDate On);

public sealed record WithdrawExamPointDesignation(LocalDate On, string Reason);

public static class InstitutionDecider
{
    public static InstitutionRegistered Decide(RegisterInstitution c) =>
        new(c.InstitutionId, c.CreditCode, c.Name, c.Kind, c.Jurisdiction, c.RegisteredOn);

    public static InstitutionFiled Decide(FileInstitution c, Institution institution, CertificateCatalog catalog)
    {
        EnsureFilingNotCancelled(institution);
        EnsureWorkTypes(c.Scope, catalog);
        EnsureNotBeforeRegistration(institution, c.FiledOn);
        if (institution.Filings.Count > 0 && institution.Filings.Max(f => f.FiledOn) is var last && c.FiledOn < last)
            throw new DomainRuleViolation(InstitutionRules.DatesInOrder, $"a new filing cannot precede the filing of {last:uuuu-MM-dd} it replaces");
        return new InstitutionFiled(institution.Id, c.FilingAuthority, [.. c.Scope.Distinct()], c.FiledOn, c.Reason, c.WeeklyCapacity);
    }

    public static PracticalCapabilityRecorded Decide(RecordPracticalCapability c, Institution institution, CertificateCatalog catalog)
    {
        EnsureFilingNotCancelled(institution);
        EnsureWorkTypes([c.WorkType], catalog);
        if (institution.OpenPracticalCapability(c.WorkType) is { } open)
            throw new DomainRuleViolation(InstitutionRules.CapabilityAlreadyRecorded, $"practical capability for '{c.WorkType}' has been recorded since {open.From:uuuu-MM-dd}");
        EnsureNotBeforeRegistration(institution, c.RecordedOn);
        EnsureNotBeforeLastEnd(institution.PracticalCapabilities.Where(p => p.WorkType == c.WorkType).Select(p => p.Until), c.RecordedOn, "withdrawal of that capability");
        return new PracticalCapabilityRecorded(institution.Id, c.WorkType, c.Facilities, c.RecordedOn);
    }

    public static PracticalCapabilityWithdrawn Decide(WithdrawPracticalCapability c, Institution institution)
    {
        var open = institution.OpenPracticalCapability(c.WorkType)
            ?? throw new DomainRuleViolation(InstitutionRules.CapabilityNotRecorded, $"the institution has no recorded practical capability for '{c.WorkType}'");
        EnsureNotBefore(open.From, c.On, "recording of that capability");
        return new PracticalCapabilityWithdrawn(institution.Id, c.WorkType, c.On, c.Reason);
    }

    public static InstitutionListedInHrCatalogue Decide(ListInHrCatalogue c, Institution institution)
    {
        EnsureFilingNotCancelled(institution);
        if (institution.OpenHrListing is { } open)
            throw new DomainRuleViolation(InstitutionRules.AlreadyListed, $"the institution has been listed in '{open.Catalogue}' since {open.From:uuuu-MM-dd}");
        EnsureNotBeforeRegistration(institution, c.ListedOn);
        EnsureNotBeforeLastEnd(institution.HrListings.Select(l => l.Until), c.ListedOn, "last delisting");
        return new InstitutionListedInHrCatalogue(institution.Id, c.Catalogue, c.ListedOn);
    }

    public static InstitutionDelistedFromHrCatalogue Decide(DelistFromHrCatalogue c, Institution institution)
    {
        var open = institution.OpenHrListing
            ?? throw new DomainRuleViolation(InstitutionRules.NotListed, "the institution is not listed in an HR catalogue");
        EnsureNotBefore(open.From, c.On, "listing");
        return new InstitutionDelistedFromHrCatalogue(institution.Id, c.On, c.Reason);
    }

    public static InstitutionSuspended Decide(SuspendInstitution c, Institution institution)
    {
        EnsureFilingNotCancelled(institution);
        if (institution.Filings.Count == 0)
            throw new DomainRuleViolation(InstitutionRules.SuspendOnlyFiledInForce, "the institution has not been filed, so there is nothing to suspend");
        if (institution.OpenSuspension is { } open)
            throw new DomainRuleViolation(InstitutionRules.SuspendOnlyFiledInForce, $"the institution has been suspended since {open.From:uuuu-MM-dd}");
        EnsureNotBefore(institution.Filings.Min(f => f.FiledOn), c.From, "first filing");
        EnsureNotBeforeLastEnd(institution.Suspensions.Select(s => s.Until), c.From, "last reinstatement");
        return new InstitutionSuspended(institution.Id, c.From, c.Reason, c.LegalBasis);
    }

    public static InstitutionReinstated Decide(ReinstateInstitution c, Institution institution)
    {
        EnsureFilingNotCancelled(institution);
        var open = institution.OpenSuspension
            ?? throw new DomainRuleViolation(InstitutionRules.ReinstateOnlySuspended, "the institution is not suspended");
        EnsureNotBefore(open.From, c.On, "suspension");
        return new InstitutionReinstated(institution.Id, c.On, c.Reason);
    }

    public static InstitutionFilingCancelled Decide(CancelInstitutionFiling c, Institution institution)
    {
        EnsureFilingNotCancelled(institution);
        if (institution.Filings.Count == 0)
            throw new DomainRuleViolation(InstitutionRules.CancelOnlyFiled, "the institution has not been filed");
        EnsureNotBefore(institution.Filings.Max(f => f.FiledOn), c.On, "latest filing");
        return new InstitutionFilingCancelled(institution.Id, c.On, c.Reason);
    }

    public static ExamPointDesignated Decide(DesignateExamPoint c, Institution institution, CertificateCatalog catalog)
    {
        EnsureFilingNotCancelled(institution);
        foreach (var code in c.Scope)
        {
            if (catalog.FindWorkType(code) is null && catalog.FindKind(code) is null)
                throw new ArgumentException($"'{code}' is neither a work type nor a certificate kind of the catalogue", nameof(c));
        }
        if (institution.OpenExamPointDesignation is { } open)
            throw new DomainRuleViolation(InstitutionRules.AlreadyDesignated, $"the institution has been a designated exam point since {open.From:uuuu-MM-dd}; withdraw that designation first");
        EnsureNotBeforeRegistration(institution, c.On);
        EnsureNotBeforeLastEnd(institution.ExamPointDesignations.Select(d => d.Until), c.On, "last withdrawal of its designation");
        return new ExamPointDesignated(institution.Id, [.. c.Scope.Distinct()], c.Area, c.DesignatedBy, c.On);
    }

    public static ExamPointDesignationWithdrawn Decide(WithdrawExamPointDesignation c, Institution institution)
    {
        var open = institution.OpenExamPointDesignation
            ?? throw new DomainRuleViolation(InstitutionRules.NotDesignated, "the institution is not a designated exam point");
        EnsureNotBefore(open.From, c.On, "designation");
        return new ExamPointDesignationWithdrawn(institution.Id, c.On, c.Reason);
    }

    private static void EnsureFilingNotCancelled(Institution institution)
    {
        if (institution.FilingCancelledOn is { } on)
            throw new DomainRuleViolation(InstitutionRules.FilingCancelledIsFinal, $"the institution's filing was cancelled on {on:uuuu-MM-dd}");
    }

    // The API answers unknown codes with 400 before any decision; reaching here with one is a programming error.
    private static void EnsureWorkTypes(IEnumerable<string> workTypes, CertificateCatalog catalog)
    {
        foreach (var code in workTypes)
        {
            if (catalog.FindWorkType(code) is null) throw new ArgumentException($"'{code}' is not a work type of the catalogue", nameof(workTypes));
        }
    }

    private static void EnsureNotBeforeRegistration(Institution institution, LocalDate date)
    {
        if (date < institution.RegisteredOn)
            throw new DomainRuleViolation(InstitutionRules.DatesFollowRegistration, $"{date:uuuu-MM-dd} precedes the institution's registration on {institution.RegisteredOn:uuuu-MM-dd}");
    }

    private static void EnsureNotBefore(LocalDate earliest, LocalDate date, string what)
    {
        if (date < earliest)
            throw new DomainRuleViolation(InstitutionRules.DatesInOrder, $"{date:uuuu-MM-dd} precedes the {what} on {earliest:uuuu-MM-dd}");
    }

    private static void EnsureNotBeforeLastEnd(IEnumerable<LocalDate?> ends, LocalDate date, string what)
    {
        if (ends.Where(e => e is not null).Max() is { } last) EnsureNotBefore(last, date, what);
    }
}
