using JasperFx.Events;
using Ledger.Domain.Assessments;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Employment;
using Ledger.Domain.Obligations;
using Ledger.Domain.Persons;
using Ledger.Domain.Training;
using NodaTime;

namespace Ledger.Projections.Persons;

/// <summary>Whom a person file is assembled for; the access layer decides which one a caller is.</summary>
public abstract record PersonFileAudience
{
    /// <summary>A bureau (emergency management, HR, finance, audit): the whole lifelong file (一人一档).</summary>
    public static readonly PersonFileAudience Everything = new Whole();

    public sealed record Whole : PersonFileAudience;

    /// <summary>An employer: what it needs about its own employee, never other employers' periods or subsidies.</summary>
    public sealed record Employer(Guid EnterpriseId) : PersonFileAudience;

    /// <summary>A training institution or exam point: its own trainee's or candidate's records of training with it.</summary>
    public sealed record Provider(Guid InstitutionId) : PersonFileAudience;
}

/// <summary>
/// The one rule of what each audience sees of a person file: every part of the file (events of the timeline,
/// employments, training, assessments, certificates, obligations, claims) passes one of these tests.
/// <list type="bullet">
/// <item>An employer sees the person's identity and certificates (what it checks before putting someone on a post), its
/// own employments with their obligations, and the training and assessments it provided or that fell in its employment
/// periods, and its own claims. Not other employers, their periods, their claims, social-insurance records or the
/// person's enrolments elsewhere.</item>
/// <item>A training institution or exam point sees its trainee's identity (name, masked ID number, education, which
/// decides what it may train them for), its own enrolments, attendance and assessments, the certificates it issued, and
/// claims naming it. Not employers, residence, contact, obligations or anything recorded by others.</item>
/// </list>
/// </summary>
public sealed class PersonFileDisclosure
{
    private readonly PersonFileAudience _audience;
    private readonly HashSet<Guid> _ownEmployments = [];
    private readonly List<(LocalDate From, LocalDate? Until)> _periods = [];
    private readonly HashSet<Guid> _ownClasses = [];

    public PersonFileDisclosure(Person person, PersonFileAudience audience)
    {
        _audience = audience;
        if (audience is PersonFileAudience.Employer employer)
        {
            foreach (var employment in person.Employments.Where(e => e.EnterpriseId == employer.EnterpriseId))
            {
                _ownEmployments.Add(employment.EmploymentId);
                _periods.Add((employment.HiredOn, employment.EndedOn));
            }
        }
        if (audience is PersonFileAudience.Provider provider)
        {
            foreach (var e in person.Enrollments.Where(e => e.ProviderId == provider.InstitutionId && e.ClassId is not null)) _ownClasses.Add(e.ClassId!.Value);
            foreach (var a in person.Attendance.Where(a => a.ProviderId == provider.InstitutionId)) _ownClasses.Add(a.ClassId);
        }
    }

    private bool Whole => _audience is PersonFileAudience.Whole;

    private Guid? EmployerId => (_audience as PersonFileAudience.Employer)?.EnterpriseId;

    private Guid? ProviderId => (_audience as PersonFileAudience.Provider)?.InstitutionId;

    private bool InEmployment(LocalDate date) => _periods.Any(p => date >= p.From && (p.Until is null || date <= p.Until));

    /// <summary>Household registration decides a Jizhou subsidy, so an employer claiming one sees it; a training provider does not.</summary>
    public bool ShowsResidence => ProviderId is null;

    public bool ShowsContact => ProviderId is null;

    public bool Shows(EmploymentRecord employment) => Whole || _ownEmployments.Contains(employment.EmploymentId);

    public bool Shows(TrainingAttended attendance) => Whole
        || (EmployerId is { } e && (attendance.ProviderId == e || InEmployment(attendance.Date)))
        || (ProviderId is { } p && attendance.ProviderId == p);

    public bool Shows(AssessmentRecorded assessment) => Whole
        || (EmployerId is { } e && (assessment.EnterpriseId == e || InEmployment(assessment.AssessedOn)))
        || (ProviderId is not null && assessment.ClassId is { } c && _ownClasses.Contains(c));

    public bool Shows(TraineeEnrolled enrolment) => Whole || enrolment.ProviderId == (EmployerId ?? ProviderId);

    /// <summary>An employer sees every certificate (it must check them before posting anyone); a provider those it issued.</summary>
    public bool Shows(Certificate certificate) => Whole || EmployerId is not null || (ProviderId is { } p && certificate.IssuedByInstitution == p);

    /// <summary>Obligations are the employer's only for its own employments (or the person's own, such as a review due).</summary>
    public bool Shows(Obligation obligation) => Whole
        || (EmployerId is not null && (obligation.EmploymentId is null || _ownEmployments.Contains(obligation.EmploymentId.Value)));

    public bool Shows(Claim claim) => Whole || claim.Form.EnterpriseId == EmployerId || claim.Form.InstitutionId == ProviderId;

    /// <summary>An event of the person's own stream, on the timeline.</summary>
    public bool Shows(IEvent e) => Whole || e.Data switch
    {
        PersonRegistered or PersonEducationRecorded => true,
        EmploymentStarted x => _ownEmployments.Contains(x.EmploymentId),
        PostChanged x => _ownEmployments.Contains(x.EmploymentId),
        FourNewIntroduced x => _ownEmployments.Contains(x.EmploymentId),
        LeftPost x => _ownEmployments.Contains(x.EmploymentId),
        ReturnedToPost x => _ownEmployments.Contains(x.EmploymentId),
        EmploymentEnded x => _ownEmployments.Contains(x.EmploymentId),
        TrainingAttended x => Shows(x),
        AssessmentRecorded x => Shows(x),
        TraineeEnrolled x => Shows(x),
        _ => false,
    };
}
