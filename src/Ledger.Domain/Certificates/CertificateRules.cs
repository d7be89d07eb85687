namespace Ledger.Domain.Certificates;

/// <summary>
/// Rule ids for certificate writes. Jurisdiction ids come from the rule catalog; the NAT-CRT ids name the
/// national lifecycle rules of SAWS Order No. 30 (rules.md 5.1 and 6.4), which the catalog lists without ids.
/// </summary>
public static class CertificateRules
{
    public const string ReviewOnlyForReviewableKinds = "NAT-CRT-01";
    public const string RevokedOrSupersededIsFinal = "NAT-CRT-02";
    public const string ReinstateOnlySuspended = "NAT-CRT-03";
    public const string SuspendOnlyActive = "NAT-CRT-04";
    public const string NoReviewAfterExpiry = "NAT-CRT-05";
    public const string RenewOnlyActive = "NAT-CRT-06";
    public const string DatesFollowIssue = "NAT-CRT-07";
    public const string AgeGate = "NAT-CRT-08";
    public const string ReviewWhileSuspended = "NAT-CRT-09";
    public const string BarAfterRevocation = "NAT-CRT-10";
    public const string HazchemEducation = "JZ-EDU-01";
    public const string HazchemAndNewCoalEducation = "HLJ-EDU-01";
    public const string NewCertificateIssuanceDeadline = "TZ-CRT-04";
    public const string ReviewIssuanceDeadline = "TZ-CRT-05";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [ReviewOnlyForReviewableKinds] = "Only certificate kinds with periodic review (special operation certificates, every 3 years) are reviewed.",
        [RevokedOrSupersededIsFinal] = "A revoked or superseded certificate takes no further lifecycle step.",
        [ReinstateOnlySuspended] = "Only a suspended certificate can be reinstated.",
        [SuspendOnlyActive] = "Only a certificate in force can be suspended.",
        [NoReviewAfterExpiry] = "A certificate past its validity is renewed (延期复审/换证), not reviewed.",
        [RenewOnlyActive] = "Only a certificate that is not suspended, revoked or already superseded can be renewed or replaced.",
        [DatesFollowIssue] = "Lifecycle dates cannot precede the certificate's issue.",
        [AgeGate] = "Special operation certificate holders are at least 18 on the day they pass the exam.",
        [ReviewWhileSuspended] = "A suspended certificate is reinstated before it can be reviewed.",
        [BarAfterRevocation] = "A holder whose special operation certificate was revoked for false information or deception may not apply again for 3 years.",
        [HazchemEducation] = "Hazardous-chemical special operations need senior-secondary education or its equivalent (Jizhou).",
        [HazchemAndNewCoalEducation] = "Hazardous-chemical special operations, and new coal-mine special operation applicants, need senior-secondary education (Heilongjiang).",
        [NewCertificateIssuanceDeadline] = "A new certificate is issued within 5 working days of the exam pass (Taizhou).",
        [ReviewIssuanceDeadline] = "A review or renewal is completed within 3 working days (Taizhou).",
    };
}
