namespace Ledger.Domain.Claims;

/// <summary>
/// The fraud and error patterns of the rule catalog (rules.md section 4), one constant each, so a finding, a report and a
/// test name the same id and "where is FR-03 detected?" is one search for its constant. Descriptions are the catalog's.
/// </summary>
public static class FraudPatterns
{
    /// <summary>Duplicate subsidy claim for the same person and certificate: same enterprise twice, two enterprises (job change), or two jurisdictions.</summary>
    public const string DuplicateClaim = "FR-01";

    /// <summary>Same certificate funded by several subsidy kinds or channels (safety-skills subsidy, vocational-training subsidy, insured-employee upgrade subsidy, city HR vs county).</summary>
    public const string SeveralSubsidyKinds = "FR-02";

    /// <summary>Fake, forged or unverifiable certificate used for a claim or a post.</summary>
    public const string UnverifiableCertificate = "FR-03";

    /// <summary>Certificate obtained by deception or bribery still in use, or a re-application within the bar period after revocation.</summary>
    public const string CertificateByDeception = "FR-04";

    /// <summary>Ineligible claimant (JZ): neither district hukou nor ≥3 months of social insurance in the district.</summary>
    public const string IneligibleClaimant = "FR-05";

    /// <summary>Training shorter than required / crash course ("速成班", "随意缩减培训课时").</summary>
    public const string TrainingShorterThanRequired = "FR-06";

    /// <summary>False institution attestation: the form says all theory and practical courses were completed, but attendance or video does not show it.</summary>
    public const string FalseAttestation = "FR-07";

    /// <summary>Claim without a labour relation, or for persons not employed by the claimant on the training/claim dates (ghost trainees).</summary>
    public const string NoLabourRelation = "FR-08";

    /// <summary>Missing or prematurely deleted training video for subsidised persons.</summary>
    public const string MissingTrainingVideo = "FR-09";

    /// <summary>Substitute test-taker (替考) / identity mismatch at the exam.</summary>
    public const string SubstituteTestTaker = "FR-10";

    /// <summary>Online hours without valid face verification, concurrent online sessions, or account sharing.</summary>
    public const string OnlineHoursUnverified = "FR-11";

    /// <summary>Claim amount or count inconsistencies: amount ≠ rate × count; count ≠ roster rows; per-type counts ≠ roster; TZ amount outside range.</summary>
    public const string AmountsInconsistent = "FR-12";

    /// <summary>Wrong subsidy event type: e.g., an HLJ claim (for "obtaining" a certificate) made for a review/renewal; a TZ "new certificate" amount for a review.</summary>
    public const string WrongSubsidyEvent = "FR-13";

    /// <summary>Training by a non-filed, non-catalogued or suspended institution, or outside its filed scope/work type.</summary>
    public const string UnqualifiedInstitution = "FR-14";

    /// <summary>Institution lacking practical conditions trained a work type, or the practical exam was replaced by QandA.</summary>
    public const string NoPracticalConditions = "FR-15";

    /// <summary>Exam point that also trains (考培分离 breach), or an examiner scoring their own trainees.</summary>
    public const string ExamPointTrains = "FR-16";

    /// <summary>Exam not from the unified question bank / unified syllabus; theory result not from the provincial computer system.</summary>
    public const string ExamOutsideUnifiedBank = "FR-17";

    /// <summary>Education prerequisite unmet for hazchem special ops (and new coal applicants in HLJ).</summary>
    public const string EducationUnmet = "FR-18";

    /// <summary>Fees charged to employees for safety training (QF), including disguised wage deductions.</summary>
    public const string FeesChargedToEmployees = "FR-19";

    /// <summary>Special-op worker on post without a valid certificate: none, wrong work type, expired, review overdue, revoked.</summary>
    public const string OnPostWithoutCertificate = "FR-20";

    /// <summary>Return to post without the required retraining (after ≥3 or ≥6 months off, post change, 四新, failed assessment, NN continued learning).</summary>
    public const string ReturnWithoutRetraining = "FR-21";

    /// <summary>New hire on post before 72 学时 and a pass, or apprentice working alone before 出徒.</summary>
    public const string NewHireOnPostTooEarly = "FR-22";

    /// <summary>Temporal impossibilities: certificate issued before the exam or before training ended; exam before training started; claim before the certificate; training dates outside the form's training period; sessions after the person's death or employment end.</summary>
    public const string TemporalImpossibility = "FR-23";

    /// <summary>Invalid identifiers: ID-number check character wrong, impossible birth date, age outside 18 to statutory retirement age at exam/issue [N]; USCC check character wrong.</summary>
    public const string InvalidIdentifier = "FR-24";

    /// <summary>Internal-trainer headcount gaming: under-reported headcount to lower the 5‰/3‰ requirement; trainer appointed for a work type without qualification (NN).</summary>
    public const string TrainerHeadcountGaming = "FR-25";

    /// <summary>Unverified examiner: practical scored by a person without a valid examiner credential.</summary>
    public const string UnverifiedExaminer = "FR-26";

    /// <summary>Exam at an unauthorised exam point (TZ routing; QF cross-city only for whitelisted work types).</summary>
    public const string UnauthorisedExamPoint = "FR-27";

    /// <summary>SLA and reporting breaches: issuance &gt;5 / review &gt;3 working days (TZ); late half-year, quarterly or monthly reports; late plans (2020-04-30).</summary>
    public const string DeadlineBreach = "FR-28";

    /// <summary>Same person trained concurrently in two full-time classes or two work types at overlapping times (hours double-counted).</summary>
    public const string ConcurrentTraining = "FR-29";

    /// <summary>Employer withholding a certificate after the contract ends (blocking a new employer's verification).</summary>
    public const string CertificateWithheld = "FR-30";
}
