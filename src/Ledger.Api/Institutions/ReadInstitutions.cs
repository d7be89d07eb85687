using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using Ledger.Projections;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Institutions;

public sealed record FilingView(string FilingAuthority, LocalDate FiledOn, IReadOnlyList<string> Scope);

public sealed record PracticalCapabilityView(string WorkType, string Facilities, LocalDate RecordedOn);

public sealed record HrListingView(string Catalogue, LocalDate ListedOn);

public sealed record SuspensionView(LocalDate From, string Reason, string? LegalBasis);

public sealed record ExamPointView(IReadOnlyList<string> Scope, string Area, string DesignatedBy, LocalDate DesignatedOn);

/// <summary>Whether the institution may train a work type on the day, and if not, which rule says so.</summary>
public sealed record TrainingAnswer(string WorkType, bool MayTrain, string? RuleId, string? Reason);

public sealed record InstitutionView(
    Guid InstitutionId,
    string CreditCode,
    string Name,
    InstitutionKind Kind,
    string Jurisdiction,
    LocalDate RegisteredOn,
    LocalDate StatusOn,
    Instant? AsOf,
    InstitutionStatus Status,
    FilingView? Filing,
    SuspensionView? Suspension,
    LocalDate? FilingCancelledOn,
    IReadOnlyList<PracticalCapabilityView> PracticalCapabilities,
    bool ListedInHrCatalogue,
    HrListingView? HrListing,
    bool IsExamPoint,
    ExamPointView? ExamPoint,
    IReadOnlyList<TrainingAnswer> Training,
    long Version)
{
    /// <param name="workType">When given, <see cref="Training"/> answers for it alone; otherwise for every work type the institution was ever filed or equipped for.</param>
    public static InstitutionView On(Institution institution, LocalDate date, Instant? asOf, string? workType)
    {
        var filing = institution.FilingOn(date);
        var suspension = institution.Suspensions.LastOrDefault(s => s.Covers(date));
        var listing = institution.HrListingOn(date);
        var examPoint = institution.ExamPointDesignationOn(date);
        IReadOnlyList<string> asked = workType is not null
            ? [workType]
            : institution.Filings.SelectMany(f => f.Scope).Concat(institution.PracticalCapabilities.Select(p => p.WorkType)).Distinct().Order(StringComparer.Ordinal).ToList();
        var training = asked.Select(w => institution.MayTrainOn(w, date, out var ruleId, out var reason)
            ? new TrainingAnswer(w, true, null, null)
            : new TrainingAnswer(w, false, ruleId, reason)).ToList();
        return new InstitutionView(institution.Id, institution.CreditCode, institution.Name, institution.Kind, institution.Jurisdiction, institution.RegisteredOn,
            date, asOf, institution.StatusOn(date),
            filing is null ? null : new FilingView(filing.FilingAuthority, filing.FiledOn, filing.Scope),
            suspension is null ? null : new SuspensionView(suspension.From, suspension.Reason, suspension.LegalBasis),
            institution.FilingCancelledOn is { } cancelled && cancelled <= date ? cancelled : null,
            [.. institution.PracticalCapabilitiesOn(date).Select(p => new PracticalCapabilityView(p.WorkType, p.Facilities, p.From))],
            listing is not null, listing is null ? null : new HrListingView(listing.Catalogue, listing.From),
            examPoint is not null, examPoint is null ? null : new ExamPointView(examPoint.Scope, examPoint.Area, examPoint.DesignatedBy, examPoint.From),
            training, institution.Version);
    }
}

