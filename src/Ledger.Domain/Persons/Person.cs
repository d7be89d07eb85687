using Ledger.Domain.Assessments;
using Ledger.Domain.Employment;
using Ledger.Domain.Training;
using NodaTime;

namespace Ledger.Domain.Persons;

public sealed record InsuredMonth(string Region, YearMonth Month, string EmployerCreditCode);

public sealed record Person(
    Guid Id,
    SealedValue IdNumber,
    string IdNumberMasked,
    string Name,
    LocalDate BirthDate,
    Sex Sex,
    EducationLevel Education,
    string HukouDistrict,
    SealedValue? Mobile,
    string? MobileMasked,
    LocalDate RegisteredOn)
{
    public long Version { get; init; }

    public IReadOnlyList<EmploymentRecord> Employments { get; init; } = [];

    public IReadOnlyList<TrainingAttended> Attendance { get; init; } = [];

    public IReadOnlyList<AssessmentRecorded> Assessments { get; init; } = [];

    public IReadOnlyList<InsuredMonth> SocialInsurance { get; init; } = [];

    public IReadOnlyList<TraineeEnrolled> Enrollments { get; init; } = [];

    /// <summary>Every enterprise that has employed the person, stored with the snapshot so a report finds an enterprise's employees by index.</summary>
    public IReadOnlyList<Guid> EnterpriseIds => Employments.Select(e => e.EnterpriseId).Distinct().ToList();

    public static Person Create(PersonRegistered e) =>
        new(e.PersonId, e.IdNumber, e.IdNumberMasked, e.Name, e.BirthDate, e.Sex, e.Education, e.HukouDistrict, e.Mobile, e.MobileMasked, e.RegisteredOn);

    public Person Apply(PersonalDataResealed e) => this with { IdNumber = e.IdNumber, Mobile = e.Mobile };

    public Person Apply(PersonEducationRecorded e) => this with { Education = e.Education };

    public Person Apply(EmploymentStarted e) => this with
    {
        Employments =
        [
            .. Employments,
            new EmploymentRecord(e.EmploymentId, e.EnterpriseId, e.EnterpriseName, e.Jurisdiction, e.Relation, e.HiredOn, e.Assignment,
                PostPresence.OnPost, null, null, [new EmploymentChange(e.HiredOn, "hired", e.Assignment, null, null)]),
        ],
    };

    public Person Apply(PostChanged e) => Update(e.EmploymentId, r => r with
    {
        Assignment = e.Assignment,
        Changes = [.. r.Changes, new EmploymentChange(e.ChangedOn, "post-changed", e.Assignment, null, e.Reason)],
    });

    public Person Apply(FourNewIntroduced e) => Update(e.EmploymentId, r => r with
    {
        Changes = [.. r.Changes, new EmploymentChange(e.IntroducedOn, "four-new", null, e.Kind, e.Description)],
    });

    public Person Apply(LeftPost e) => Update(e.EmploymentId, r => r with
    {
        Presence = PostPresence.OffPost,
        LeftPostOn = e.LeftOn,
        Changes = [.. r.Changes, new EmploymentChange(e.LeftOn, "left-post", null, null, e.Reason)],
    });

    public Person Apply(ReturnedToPost e) => Update(e.EmploymentId, r => r with
    {
        Presence = PostPresence.OnPost,
        Changes = [.. r.Changes, new EmploymentChange(e.ReturnedOn, "returned", null, null, null)],
    });

    public Person Apply(EmploymentEnded e) => Update(e.EmploymentId, r => r with
    {
        Presence = PostPresence.Ended,
        EndedOn = e.EndedOn,
        Changes = [.. r.Changes, new EmploymentChange(e.EndedOn, "ended", null, null, e.Reason)],
    });

    public Person Apply(TrainingAttended e) => this with { Attendance = [.. Attendance, e] };

    public Person Apply(TraineeEnrolled e) => this with { Enrollments = [.. Enrollments, e] };

    /// <summary>
    /// Whether the person is a trainee or candidate of the institution (or of the enterprise running its own classes):
    /// enrolled with it, or credited attendance in one of its classes before enrolments were recorded.
    /// </summary>
    public bool IsTraineeOf(Guid providerId) => Enrollments.Any(e => e.ProviderId == providerId) || Attendance.Any(a => a.ProviderId == providerId);

    public bool IsEnrolledIn(Guid classId) => Enrollments.Any(e => e.ClassId == classId) || Attendance.Any(a => a.ClassId == classId);

    public Person Apply(AssessmentRecorded e) => this with { Assessments = [.. Assessments, e] };

    /// <summary>A month reported twice for one region counts once.</summary>
    public Person Apply(SocialInsuranceMonthsRecorded e) => this with
    {
        SocialInsurance = [.. SocialInsurance, .. e.Months.Select(m => new InsuredMonth(e.Region, m, e.EmployerCreditCode))
            .Where(m => !SocialInsurance.Any(s => s.Region == m.Region && s.Month == m.Month)).DistinctBy(m => (m.Region, m.Month))],
    };

    public EmploymentRecord? Employment(Guid employmentId) => Employments.FirstOrDefault(r => r.EmploymentId == employmentId);

    private Person Update(Guid employmentId, Func<EmploymentRecord, EmploymentRecord> change) =>
        this with { Employments = Employments.Select(r => r.EmploymentId == employmentId ? change(r) : r).ToList() };
}
