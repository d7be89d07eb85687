using Ledger.Domain.Persons;
using NodaTime;

namespace Ledger.Domain.Certificates;

public sealed record IssueCertificate(
    Guid CertificateId,
    string Number,
    string Kind,
    string? WorkType,
    string? Industry,
    string ExamPoint,
    LocalDate ExamDate,
    LocalDate PassDate,
    LocalDate IssuedOn,
    string IssuingAuthority,
    LocalDate ValidFrom,
    LocalDate? ValidUntil,
    LocalDate? NextReviewDue,
    // Sealing is the caller's (it draws a random nonce), so the decision stays pure: the number sealed under
    // CertificateNumber.SealPurpose for this certificate id, kept only when the number may be an ID number.
    SealedValue? NumberSealed = null,
    Guid? IssuedByInstitution = null);

public sealed record ReviewCertificate(LocalDate ReviewedOn, bool Passed, LocalDate? ReviewPassDate, LocalDate? NextReviewDue, string? Reason);

public sealed record SuspendCertificate(LocalDate From, string Reason, string? LegalBasis);

public sealed record ReinstateCertificate(LocalDate On, string Reason);

public sealed record RevokeCertificate(LocalDate On, RevocationGround Ground, string Reason, string LegalBasis);

public sealed record SupersedeCertificate(SupersessionKind Kind, IssueCertificate Successor, string Reason);

/// <summary>
/// What issuing a certificate needs to know about its holder. Bulk imports read just these facts instead of the whole
/// person snapshot (attendance, assessments, employment), which they would otherwise deserialise a thousand at a time.
/// </summary>
public sealed record CertificateHolder(Guid Id, string Name, LocalDate BirthDate, EducationLevel Education)
{
    /// <summary>The holder's revoked certificates: a revocation for false information or deception bars a new one for 3 years (NAT-CRT-10).</summary>
    public IReadOnlyList<PriorRevocation> Revocations { get; init; } = [];

    public static CertificateHolder Of(Person person, IEnumerable<PriorRevocation>? revocations = null) =>
        new(person.Id, person.Name, person.BirthDate, person.Education) { Revocations = revocations?.ToList() ?? [] };
}

/// <summary>A certificate of the holder's that was revoked, with the day and the ground.</summary>
public sealed record PriorRevocation(string Number, string Kind, LocalDate On, RevocationGround Ground)
{
    public static PriorRevocation? Of(Certificate certificate) =>
        certificate.RevocationDate() is { } on ? new(certificate.Number, certificate.Kind, on, certificate.RevokedFor ?? RevocationGround.Unstated) : null;
}

/// <param name="NewCoalApplicantEducationBy">The rule under which a new coal-mine applicant needs senior-secondary education where the
/// certificate is issued (HLJ-EDU-01, Heilongjiang's alone), if any.</param>
public sealed record CertificateRulesInForce(string? NewCoalApplicantEducationBy)
{
    /// <summary>No local rule: a certificate issued by a national authority, or where no pack adds to the national rules.</summary>
    public static readonly CertificateRulesInForce National = new((string?)null);

    /// <summary>The rules of the packs in force where the issuing authority answers, on the exam date (nearest to the application).</summary>
    public static CertificateRulesInForce For(Policies.PolicyCatalog policies, string? issuingJurisdiction, LocalDate examDate) =>
        issuingJurisdiction is null || policies.Find(issuingJurisdiction) is null
            ? National
            : new(policies.For(issuingJurisdiction, examDate).Parameters.NewCoalApplicantSeniorSecondary is { Value: true } coal ? coal.RuleId : null);
}

public static class CertificateDecider
{
    public const int BarYearsAfterRevocation = 3;

    public static CertificateIssued Decide(IssueCertificate command, Person holder, CertificateCatalog catalog, CertificateRulesInForce? rules = null) =>
        Issue(command, CertificateHolder.Of(holder), catalog, supersedes: null, rules ?? CertificateRulesInForce.National);

    public static CertificateIssued Decide(IssueCertificate command, CertificateHolder holder, CertificateCatalog catalog, CertificateRulesInForce? rules = null) =>
        Issue(command, holder, catalog, supersedes: null, rules ?? CertificateRulesInForce.National);

    public static CertificateReviewed Decide(ReviewCertificate command, Certificate certificate, CertificateCatalog catalog)
    {
        EnsureNotFinal(certificate);
        if (certificate.Standing == CertificateStanding.Suspended)
            throw new DomainRuleViolation(CertificateRules.ReviewWhileSuspended, "the certificate is suspended; reinstate it before reviewing it");
        var kind = catalog.FindKind(certificate.Kind);
        if (kind?.ReviewIntervalYears is not { } interval)
            throw new DomainRuleViolation(CertificateRules.ReviewOnlyForReviewableKinds, $"certificates of kind '{certificate.Kind}' have no periodic review");
        EnsureNotBeforeIssue(certificate, command.ReviewedOn);
        if (certificate.ValidUntil is { } until && command.ReviewedOn > until)
            throw new DomainRuleViolation(CertificateRules.NoReviewAfterExpiry, $"the certificate expired on {until:uuuu-MM-dd}; renew it instead");

        LocalDate? due = null;
        if (command.Passed)
        {
            due = command.NextReviewDue ?? command.ReviewedOn.PlusYears(interval);
            if (certificate.ValidUntil is { } validUntil && due > validUntil) due = validUntil;
        }
        return new CertificateReviewed(certificate.Id, command.ReviewedOn, command.Passed, command.ReviewPassDate, due, command.Reason);
    }

    public static CertificateSuspended Decide(SuspendCertificate command, Certificate certificate)
    {
        EnsureNotFinal(certificate);
        if (certificate.Standing != CertificateStanding.Active)
            throw new DomainRuleViolation(CertificateRules.SuspendOnlyActive, $"the certificate is {Describe(certificate.Standing)}, not in force");
        EnsureNotBeforeIssue(certificate, command.From);
        return new CertificateSuspended(certificate.Id, command.From, command.Reason, command.LegalBasis);
    }

    public static CertificateReinstated Decide(ReinstateCertificate command, Certificate certificate)
    {
        EnsureNotFinal(certificate);
        if (certificate.Standing != CertificateStanding.Suspended)
            throw new DomainRuleViolation(CertificateRules.ReinstateOnlySuspended, $"the certificate is {Describe(certificate.Standing)}, not suspended");
        var suspendedOn = certificate.Changes.Last(c => c.Standing == CertificateStanding.Suspended).EffectiveOn;
        if (command.On < suspendedOn)
            throw new DomainRuleViolation(CertificateRules.DatesFollowIssue, $"reinstatement cannot precede the suspension of {suspendedOn:uuuu-MM-dd}");
        return new CertificateReinstated(certificate.Id, command.On, command.Reason);
    }

    public static CertificateRevoked Decide(RevokeCertificate command, Certificate certificate)
    {
        EnsureNotFinal(certificate);
        EnsureNotBeforeIssue(certificate, command.On);
        return new CertificateRevoked(certificate.Id, command.On, command.Ground, command.Reason, command.LegalBasis);
    }

    /// <summary>Renewal (换证) or replacement (补证): the old certificate is superseded and a new one, with a new number, points back to it.</summary>
    public static (CertificateSuperseded Old, CertificateIssued New) Decide(
        SupersedeCertificate command, Certificate certificate, Person holder, CertificateCatalog catalog)
    {
        EnsureNotFinal(certificate);
        if (certificate.Standing is CertificateStanding.Suspended)
            throw new DomainRuleViolation(CertificateRules.RenewOnlyActive, "a suspended certificate cannot be renewed or replaced");
        var successor = command.Successor with
        {
            Kind = certificate.Kind,
            WorkType = certificate.WorkType,
            Industry = certificate.Industry,
        };
        EnsureNotBeforeIssue(certificate, successor.IssuedOn);
        // A renewal or replacement has no new applicant, so the rules of the issuing place add nothing to the national ones (HLJ-EDU-01).
        var issued = Issue(successor, CertificateHolder.Of(holder), catalog, supersedes: (certificate.Id, command.Kind), CertificateRulesInForce.National);
        var superseded = new CertificateSuperseded(certificate.Id, successor.CertificateId, successor.Number, command.Kind, successor.IssuedOn, command.Reason);
        return (superseded, issued);
    }

    private static CertificateIssued Issue(IssueCertificate command, CertificateHolder holder, CertificateCatalog catalog, (Guid Id, SupersessionKind Kind)? supersedes,
        CertificateRulesInForce rules)
    {
        var kind = catalog.FindKind(command.Kind) ?? throw new ArgumentException($"unknown certificate kind '{command.Kind}'");
        // Order No. 30 art. 30: "特种作业人员违反前款第四项、第五项规定的，3年内不得再次申请特种作业操作证" — counted from the revocation to
        // the exam, the ledger's nearest date to the application; an exam before the revocation was no 再次申请, and a renewal or
        // replacement is no new application at all.
        if (supersedes is null && kind.Code == CertificateKindCodes.SpecialOperation
            && holder.Revocations.Where(r => r.Kind == CertificateKindCodes.SpecialOperation && r.Ground is RevocationGround.FalseInformation or RevocationGround.Deception)
                .OrderByDescending(r => r.On).FirstOrDefault(r => command.ExamDate >= r.On && command.ExamDate < r.On.PlusYears(BarYearsAfterRevocation)) is { } bar)
            throw new DomainRuleViolation(CertificateRules.BarAfterRevocation,
                $"certificate {bar.Number} was revoked on {bar.On:uuuu-MM-dd} for {(bar.Ground == RevocationGround.Deception ? "deception or bribery" : "false information")}; "
                + $"the holder may not apply for a special operation certificate before {bar.On.PlusYears(BarYearsAfterRevocation):uuuu-MM-dd} (exam {command.ExamDate:uuuu-MM-dd})");
        var workType = command.WorkType is null ? null : catalog.FindWorkType(command.WorkType);
        if (workType is not null)
        {
            var senior = holder.Education.IsSeniorSecondaryOrAbove();
            if (workType.RequiresSeniorSecondary && !senior)
                throw new DomainRuleViolation(CertificateRules.HazchemEducation,
                    $"work type '{workType.Code}' is a hazardous-chemical special operation and needs senior-secondary education or above (JZ-EDU-01, HLJ-EDU-01); the holder's recorded education is {holder.Education}");
            // Coal-mine work types bind new applicants only, and only where Heilongjiang's programme is in force: a renewal or replacement
            // of an existing holder's certificate is grandfathered, and another province's issuer answers to the national rules (HLJ-EDU-01).
            if (workType.RequiresSeniorSecondaryForNewApplicants && supersedes is null && !senior && rules.NewCoalApplicantEducationBy is { } coalRule)
                throw new DomainRuleViolation(coalRule,
                    $"work type '{workType.Code}' is a coal-mine special operation and new applicants need senior-secondary education or above; the holder's recorded education is {holder.Education}");
            var age = Period.Between(holder.BirthDate, command.PassDate, PeriodUnits.Years).Years;
            if (age < 18)
                throw new DomainRuleViolation(CertificateRules.AgeGate, "the holder was under 18 on the pass date");
        }

        var validUntil = command.ValidUntil ?? (kind.ValidityYears is { } years ? command.ValidFrom.PlusYears(years) : null);
        var nextReview = command.NextReviewDue ?? (kind.ReviewIntervalYears is { } interval ? command.ValidFrom.PlusYears(interval) : null);
        if (nextReview is { } due && validUntil is { } until && due > until) nextReview = until;

        return new CertificateIssued(
            command.CertificateId, holder.Id, CertificateNumber.Display(command.Number), kind.Code, workType?.Code, command.Industry,
            holder.Name, command.ExamPoint, command.ExamDate, command.PassDate, command.IssuedOn, command.IssuingAuthority,
            command.ValidFrom, validUntil, nextReview, supersedes?.Id, supersedes?.Kind,
            CertificateNumber.MayBeIdNumber(command.Number) ? command.NumberSealed : null, command.IssuedByInstitution);
    }

    private static void EnsureNotFinal(Certificate certificate)
    {
        if (certificate.Standing is CertificateStanding.Revoked or CertificateStanding.Superseded)
            throw new DomainRuleViolation(CertificateRules.RevokedOrSupersededIsFinal, $"the certificate is {Describe(certificate.Standing)}");
    }

    private static void EnsureNotBeforeIssue(Certificate certificate, LocalDate date)
    {
        if (date < certificate.IssuedOn)
            throw new DomainRuleViolation(CertificateRules.DatesFollowIssue, $"{date:uuuu-MM-dd} precedes the issue date {certificate.IssuedOn:uuuu-MM-dd}");
    }

    private static string Describe(CertificateStanding standing) => standing switch
    {
        CertificateStanding.Active => "in force",
        CertificateStanding.Suspended => "suspended",
        CertificateStanding.ReviewFailed => "failed at review",
        CertificateStanding.Revoked => "revoked",
        CertificateStanding.Superseded => "superseded by a newer certificate",
        _ => standing.ToString(),
    };
}
