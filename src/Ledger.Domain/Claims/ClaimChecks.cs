using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using Ledger.Domain.Training;
using NodaTime;

namespace Ledger.Domain.Claims;

/// <summary>The checks two steps of the workflow run over a claim's lines, on facts the caller gathers.</summary>
public static class ClaimChecks
{
    /// <summary>
    /// FR-07: the institution's attestation (HLJ form field 17) states that theory and practice were completed; the person's
    /// attendance with it must show both, and the hours of each class it took for the line's work type.
    /// </summary>
    public static IReadOnlyList<Finding> Attestation(Person person, Guid institutionId, string workType, IReadOnlyList<TrainingClass> classes)
    {
        var found = new List<Finding>();
        var attended = person.Attendance.Where(a => a.ProviderId == institutionId && a.WorkType == workType).ToList();
        if (!attended.Any(a => a.Mode == SessionMode.Practical))
            found.Add(new Finding(FraudPatterns.FalseAttestation, Severity.High, false, "the attestation states practical training, but no practical session is recorded"));
        if (!attended.Any(a => a.Mode is SessionMode.Classroom or SessionMode.Online))
            found.Add(new Finding(FraudPatterns.FalseAttestation, Severity.High, false, "the attestation states theory teaching, but no theory session is recorded"));
        foreach (var c in classes.Where(c => c.WorkType == workType))
        {
            var hours = attended.Where(a => a.ClassId == c.Id).Sum(a => a.Hours);
            if (hours < c.RequiredHours)
                found.Add(new Finding(FraudPatterns.FalseAttestation, Severity.High, false, $"{hours:0.##} of {c.RequiredHours:0.##} syllabus hours recorded in {c.Course}"));
        }
        return found;
    }

    /// <summary>The attestation's findings for every line whose person is known; classes are those the persons attended with the institution.</summary>
    public static IReadOnlyList<LineFindings> Attestation(Claim claim, IReadOnlyDictionary<Guid, Person> persons, IReadOnlyDictionary<Guid, TrainingClass> classes)
    {
        var result = new List<LineFindings>();
        foreach (var line in claim.Lines.Where(l => l.Line.PersonId != Guid.Empty))
        {
            if (!persons.TryGetValue(line.Line.PersonId, out var person)) continue;
            var attendedClasses = person.Attendance.Where(a => a.ProviderId == claim.Form.InstitutionId).Select(a => a.ClassId).Distinct()
                .Select(id => classes.GetValueOrDefault(id)).OfType<TrainingClass>().ToList();
            var found = Attestation(person, claim.Form.InstitutionId, line.Line.WorkType, attendedClasses);
            if (found.Count > 0) result.Add(new LineFindings(line.Line.LineNo, found));
        }
        return result;
    }

    /// <summary>
    /// HLJ-SUB-03: the emergency-management department checks every line's certificate against the provincial system, which this
    /// ledger stands for: known, the person's, of the line's work type, and valid (or superseded by a valid one) on the day.
    /// </summary>
    public static IReadOnlyList<LineVerification> Certificates(Claim claim, IReadOnlyDictionary<Guid, Certificate> certificates, LocalDate on,
        Policies.PolicyCatalog policies)
    {
        var results = new List<LineVerification>();
        foreach (var line in claim.Lines)
        {
            var reasons = new List<string>();
            var certificate = line.Line.CertificateId is { } id ? certificates.GetValueOrDefault(id) : null;
            if (certificate is null) reasons.Add("the certificate is not in the ledger");
            else
            {
                if (certificate.PersonId != line.Line.PersonId) reasons.Add("the certificate belongs to another person");
                if (certificate.WorkType is not null && certificate.WorkType != line.Line.WorkType) reasons.Add("the work type differs from the certificate's");
                var status = certificate.StatusOn(on);
                if (status is not (CertificateStatus.Valid or CertificateStatus.Superseded))
                    reasons.Add($"the certificate is {System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString())} on {on:uuuu-MM-dd}");
            }
            reasons.AddRange(UnmetConditions(line, certificate?.IssuedOn ?? claim.Form.ApplicationDate, claim.Form.Jurisdiction, policies));
            results.Add(new LineVerification(line.Line.LineNo, reasons.Count == 0, reasons));
        }
        return results;
    }

    /// <summary>
    /// The training conditions of the subsidy (HLJ-SUB-02: a certificate obtained 通过安全技能培训) that the pack in force on the
    /// certificate event makes blocking: a line whose findings show one unmet fails verification, so it is paid only when the
    /// verifying department overrides it with its reason on record.
    /// </summary>
    public static IReadOnlyList<string> UnmetConditions(ClaimLineState line, LocalDate eventDate, string jurisdiction, Policies.PolicyCatalog policies)
    {
        if (policies.For(jurisdiction, eventDate).Parameters.SubsidyTrainingConditions is not { } rule) return [];
        var conditions = rule.Value;
        var reasons = new List<string>();
        foreach (var (pattern, condition) in new[]
                 {
                     (FraudPatterns.TrainingShorterThanRequired, conditions.SyllabusHours),
                     (FraudPatterns.FalseAttestation, conditions.Practical),
                     (FraudPatterns.MissingTrainingVideo, conditions.Video),
                 })
        {
            if (condition.Enforcement != Policies.ConditionEnforcement.Block) continue;
            foreach (var finding in line.AllFindings.Where(f => f.RuleId == pattern).DistinctBy(f => f.Evidence))
                reasons.Add($"{pattern}: {finding.Evidence}, a condition of the subsidy ({condition.RuleId}: \"{condition.Clause}\")");
        }
        return reasons;
    }
}
