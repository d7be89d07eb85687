using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using NodaTime;

namespace Ledger.Domain.Claims;

/// <summary>One roster line as the enterprise wrote it, with the ledger's keys for the ID number and certificate number it names.</summary>
/// <param name="PersonId">The keyed stream id of the line's ID number (StreamIdentity.ForPerson); the number itself is not kept.</param>
/// <param name="CertificateId">The keyed stream id of the certificate number.</param>
/// <param name="CertificateNumber">The number as shown (CertificateNumber.Display: masked when it may be an ID number).</param>
public sealed record RosterLine(int LineNo, string Name, string IdNumberMasked, Guid PersonId, string WorkType, Guid CertificateId, string CertificateNumber,
    SubsidyKind Kind, decimal? RequestedAmount);

/// <summary>The Heilongjiang audit form (rules.md 2.3.B) as submitted: every field, and the roster.</summary>
public sealed record SubmitClaim(
    Guid ClaimId,
    Guid EnterpriseId,
    Guid InstitutionId,
    string HandlerName,
    string HandlerMobileMasked,
    SealedValue HandlerMobileSealed,
    IReadOnlyList<WorkTypeCount> WorkTypes,
    LocalDate TrainingFrom,
    LocalDate TrainingUntil,
    int CertifiedCount,
    decimal RequestedAmount,
    Commitment Commitment,
    LocalDate ApplicationDate,
    IReadOnlyList<RosterLine> Roster);

/// <summary>What the ledger holds that a submission is judged on; gathered by the caller, read here.</summary>
/// <param name="Classes">The institution's classes that the roster's persons attended.</param>
/// <param name="HeldByPersons">Every certificate record the roster's persons hold, so a certificate re-entered under another number is found (FR-01).</param>
public sealed record SubmissionFacts(
    Enterprise Enterprise,
    Institution Institution,
    IReadOnlyDictionary<Guid, Person> Persons,
    IReadOnlyDictionary<Guid, Certificate> Certificates,
    IReadOnlyDictionary<Guid, TrainingClass> Classes,
    IReadOnlyList<Certificate>? HeldByPersons = null);

/// <summary>A roster line judged on the facts, with the entitlement it would take (empty when the person or certificate is unknown).</summary>
/// <param name="TwinEntitlementIds">
/// The same entitlement under the person's other certificate records of the same work type and issue date (FR-01's fuzzy key):
/// one certificate entered twice under two numbers, whose subsidy event is paid once.
/// </param>
public sealed record JudgedLine(RosterLine Roster, Person? Person, Certificate? Certificate, LineAssessment Assessment, Guid EntitlementId,
    IReadOnlyList<(Guid EntitlementId, Certificate Certificate)>? TwinEntitlementIds = null)
{
    public IReadOnlyList<(Guid EntitlementId, Certificate Certificate)> Twins => TwinEntitlementIds ?? [];
}

/// <summary>The events a submission appends: the claim, and one holding per entitlement its eligible lines take.</summary>
public sealed record ClaimSubmission(ClaimSubmitted Submitted, IReadOnlyList<EntitlementHeld> Held);

/// <summary>
/// Deciding a submission takes two steps, because which entitlements a line would take depends on its judgement (the
/// subsidy kind and cycle): <see cref="Judge"/> judges each line on the facts, the caller then reads the entitlement streams
/// those lines name, and <see cref="Decide"/> holds each free entitlement for its line or records the line a duplicate of
/// the holder (FR-01), and builds the claim with its form checks (FR-12).
/// </summary>
public static class ClaimSubmissionDecider
{
    public static IReadOnlyList<JudgedLine> Judge(SubmitClaim command, SubmissionFacts facts, PolicyCatalog policies, CertificateCatalog catalog, StreamIdentity ids)
    {
        var context = Context(command, facts);
        return command.Roster.OrderBy(l => l.LineNo).Select(line =>
        {
            var person = facts.Persons.GetValueOrDefault(line.PersonId);
            var certificate = facts.Certificates.GetValueOrDefault(line.CertificateId);
            var classes = person?.Attendance.Where(a => a.ProviderId == facts.Institution.Id).Select(a => a.ClassId).Distinct()
                .Select(id => facts.Classes.GetValueOrDefault(id)).OfType<TrainingClass>().ToList() ?? [];
            var assessment = ClaimAssessor.Assess(
                new LineFacts(line.LineNo, line.Name, line.WorkType, line.Kind, line.RequestedAmount, person, certificate, classes), context, policies, catalog);
            var entitlementId = person is null || certificate is null
                ? Guid.Empty
                : ids.ForEntitlement(person.Id, certificate.Id, SubsidyKinds.Code(line.Kind), assessment.Cycle);
            var twins = person is null || certificate is null
                ? []
                : (facts.HeldByPersons ?? []).Where(c => c.PersonId == person.Id && c.Id != certificate.Id && c.WorkType == certificate.WorkType && c.IssuedOn == certificate.IssuedOn)
                    .Select(c => (ids.ForEntitlement(person.Id, c.Id, SubsidyKinds.Code(line.Kind), assessment.Cycle), c)).ToList();
            return new JudgedLine(line, person, certificate, assessment, entitlementId, twins);
        }).ToList();
    }

    /// <summary>The entitlements whose streams <see cref="Decide"/> needs: those the eligible lines would take.</summary>
    public static IReadOnlyList<Guid> EntitlementsToRead(IReadOnlyList<JudgedLine> lines) =>
        lines.Where(l => l.Assessment.Eligible).SelectMany(l => l.Twins.Select(t => t.EntitlementId).Prepend(l.EntitlementId)).Distinct().ToList();

    /// <param name="entitlements">The current state of every entitlement <see cref="EntitlementsToRead"/> named (null: never held).</param>
    /// <param name="national">The national index's holdings of those entitlements, in a deployment that has one (NAT-SUB-04).</param>
    public static ClaimSubmission Decide(SubmitClaim command, Actor actor, SubmissionFacts facts, IReadOnlyList<JudgedLine> judged,
        IReadOnlyDictionary<Guid, Entitlement?> entitlements, PolicyCatalog policies, NationalFacts? national = null)
    {
        // The form is the enterprise's: it signs the commitment and bears the liability (HLJ form field 12).
        if (actor.Role != ActorRole.Enterprise)
            throw new DomainRuleViolation(ClaimRules.RoleRequired, "a subsidy claim is submitted by the employing enterprise");
        if (policies.For(facts.Enterprise.Jurisdiction, command.ApplicationDate).Parameters.AuditFormWording is { } form
            && !AuditFormWording.Matches(command.Commitment.Text, form.Value.Commitment))
            throw new DomainRuleViolation(form.RuleId, $"the written commitment is the form's own sentence: \"{form.Value.Commitment}\"");
        if (national is not null) NationalEntitlements.Check(judged, national);
        var lines = new List<ClaimLine>();
        var held = new List<EntitlementHeld>();
        var takenHere = new HashSet<Guid>();
        var twinEvidence = new Dictionary<int, string>();
        foreach (var line in judged)
        {
            var (roster, assessment) = (line.Roster, line.Assessment);
            var status = assessment.Eligible ? LineStatus.Eligible : LineStatus.Ineligible;
            Guid? heldBy = null;
            var entitled = assessment.EntitledAmount;
            if (status == LineStatus.Eligible)
            {
                var holder = entitlements.GetValueOrDefault(line.EntitlementId)?.Holder;
                // FR-01's fuzzy key before money leaves: the same subsidy event held under another record of the same certificate.
                var twin = line.Twins.Select(t => (t.Certificate, Holder: entitlements.GetValueOrDefault(t.EntitlementId)?.Holder, Here: takenHere.Contains(t.EntitlementId)))
                    .FirstOrDefault(t => t.Holder is not null || t.Here);
                if (holder is not null || twin.Certificate is not null || !takenHere.Add(line.EntitlementId))
                {
                    status = LineStatus.Duplicate;
                    heldBy = holder?.ClaimId ?? twin.Holder?.ClaimId ?? command.ClaimId;
                    entitled = 0m;
                    if (twin.Certificate is not null && holder is null)
                        twinEvidence[roster.LineNo] = $"the same person's {twin.Certificate.WorkType} certificate issued on {twin.Certificate.IssuedOn:uuuu-MM-dd} under number " +
                            $"{twin.Certificate.Number} already holds this subsidy (claim {heldBy})";
                }
                else
                    held.Add(new EntitlementHeld(line.EntitlementId, line.Person!.Id, line.Certificate!.Id, roster.Kind, assessment.Cycle, command.ClaimId,
                        roster.LineNo, facts.Enterprise.Jurisdiction, facts.Enterprise.Id, command.ApplicationDate));
            }
            var findings = status == LineStatus.Duplicate
                ? [.. assessment.Findings, new Finding(FraudPatterns.DuplicateClaim, Severity.High, true,
                    twinEvidence.GetValueOrDefault(roster.LineNo) ?? $"the entitlement is held by claim {heldBy}")]
                : assessment.Findings;
            lines.Add(new ClaimLine(roster.LineNo, line.Person?.Id ?? Guid.Empty, roster.Name, roster.IdNumberMasked, roster.WorkType, line.Certificate?.Id,
                roster.CertificateNumber, roster.Kind, assessment.Cycle, line.EntitlementId, roster.RequestedAmount, entitled, status, heldBy, findings));
        }

        var e = facts.Enterprise;
        var submitted = new ClaimSubmitted(command.ClaimId, e.Jurisdiction, e.Id, e.CreditCode, e.Name, e.LegalRepresentative, command.HandlerName,
            command.HandlerMobileMasked, facts.Institution.Id, facts.Institution.Name, command.WorkTypes, command.TrainingFrom, command.TrainingUntil,
            command.CertifiedCount, command.RequestedAmount, command.Commitment, command.ApplicationDate, lines,
            ClaimAssessor.FormFindings(command.WorkTypes, command.CertifiedCount, command.RequestedAmount, lines), actor.UserId, actor.OrganisationId,
            command.HandlerMobileSealed);
        return new ClaimSubmission(submitted, held);
    }

    private static ClaimContext Context(SubmitClaim command, SubmissionFacts facts) =>
        new(facts.Enterprise.Jurisdiction, facts.Enterprise, facts.Institution, command.TrainingFrom, command.TrainingUntil, command.ApplicationDate);
}
