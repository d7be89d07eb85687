using Ledger.Domain.Calendar;
using NodaTime;

namespace Ledger.Domain.Certificates;

public sealed record DeadlineCheck(string RuleId, string Step, LocalDate From, LocalDate To, int WorkingDays, int Limit)
{
    public bool Breached => WorkingDays > Limit;
}

/// <summary>
/// The Taizhou issuance deadlines (TZ-CRT-04/05) counted in working days. The clock starts the day after the
/// exam or review pass (Civil Code art. 201: the start day is not counted), an [I] reading of ambiguity 7.2.
/// </summary>
public static class IssuanceDeadlines
{
    public const int NewCertificateLimit = 5;
    public const int ReviewOrRenewalLimit = 3;

    public static DeadlineCheck ForIssue(CertificateIssued e, WorkingDayCalendar calendar)
    {
        var renewal = e.SupersessionKind == SupersessionKind.Renewal;
        return new DeadlineCheck(
            renewal ? CertificateRules.ReviewIssuanceDeadline : CertificateRules.NewCertificateIssuanceDeadline,
            renewal ? "renewal" : "issue",
            e.PassDate, e.IssuedOn,
            calendar.WorkingDaysBetween(e.PassDate, e.IssuedOn),
            renewal ? ReviewOrRenewalLimit : NewCertificateLimit);
    }

    /// <summary>
    /// The check as the rule in force judges it: only where and when a document sets the deadline (TZ-CRT-04/05: Taizhou, 2020),
    /// in one of the jurisdictions the certificate lies in, on the pass date that started the clock; null where none applies.
    /// </summary>
    public static DeadlineCheck? InForce(DeadlineCheck check, IEnumerable<string> jurisdictions, Policies.PolicyCatalog policies)
    {
        foreach (var jurisdiction in jurisdictions.Distinct())
        {
            if (policies.Find(jurisdiction) is null) continue;
            var p = policies.For(jurisdiction, check.From).Parameters;
            var rule = check.Step == "issue" ? p.NewCertificateIssuanceWorkingDays : p.ReviewIssuanceWorkingDays;
            if (rule is not null) return check with { RuleId = rule.RuleId, Limit = rule.Value };
        }
        return null;
    }

    /// <summary>True when a deadline in force where the certificate lies was missed.</summary>
    public static bool AnyBreachInForce(IEnumerable<DeadlineCheck> checks, IEnumerable<string> jurisdictions, Policies.PolicyCatalog policies) =>
        checks.Any(c => InForce(c, jurisdictions, policies) is { Breached: true });

    public static DeadlineCheck? ForReview(CertificateReviewed e, WorkingDayCalendar calendar) =>
        e.ReviewPassDate is { } passed
            ? new DeadlineCheck(CertificateRules.ReviewIssuanceDeadline, "review", passed, e.ReviewedOn,
                calendar.WorkingDaysBetween(passed, e.ReviewedOn), ReviewOrRenewalLimit)
            : null;
}
