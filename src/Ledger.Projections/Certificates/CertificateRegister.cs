using Ledger.Domain.Calendar;
using Ledger.Domain.Certificates;
using Marten.Events.Aggregation;

namespace Ledger.Projections.Certificates;

/// <summary>
/// The regulator's register: one row per certificate with its standing (by the certificate's own transitions,
/// <see cref="CertificateTransitions"/>) and every issuance-deadline check (TZ-CRT-04/05).
/// </summary>
public sealed class CertificateRegisterEntry
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public string Number { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? WorkType { get; set; }
    public string IssuingAuthority { get; set; } = "";
    public NodaTime.LocalDate IssuedOn { get; set; }
    public NodaTime.LocalDate? ValidUntil { get; set; }
    public NodaTime.LocalDate? NextReviewDue { get; set; }
    public CertificateStanding Standing { get; set; }
    public Guid? Supersedes { get; set; }
    public Guid? SupersededBy { get; set; }
    public List<DeadlineCheck> DeadlineChecks { get; set; } = [];
    public bool AnyDeadlineBreached => DeadlineChecks.Any(c => c.Breached);
}

public sealed partial class CertificateRegisterProjection : SingleStreamProjection<CertificateRegisterEntry, Guid>
{
    public CertificateRegisterEntry Create(CertificateIssued e) => new()
    {
        Id = e.CertificateId,
        PersonId = e.PersonId,
        Number = e.Number,
        Kind = e.Kind,
        WorkType = e.WorkType,
        IssuingAuthority = e.IssuingAuthority,
        IssuedOn = e.IssuedOn,
        ValidUntil = e.ValidUntil,
        NextReviewDue = e.NextReviewDue,
        Standing = CertificateStanding.Active,
        Supersedes = e.Supersedes,
        DeadlineChecks = [IssuanceDeadlines.ForIssue(e, WorkingDayCalendar.Default)],
    };

    public void Apply(CertificateReviewed e, CertificateRegisterEntry view)
    {
        view.Standing = CertificateTransitions.After(e);
        if (e.Passed) view.NextReviewDue = e.NextReviewDue;
        if (IssuanceDeadlines.ForReview(e, WorkingDayCalendar.Default) is { } check) view.DeadlineChecks.Add(check);
    }

    public void Apply(CertificateSuspended e, CertificateRegisterEntry view) => view.Standing = CertificateTransitions.After(e);

    public void Apply(CertificateReinstated e, CertificateRegisterEntry view) => view.Standing = CertificateTransitions.After(e);

    public void Apply(CertificateRevoked e, CertificateRegisterEntry view) => view.Standing = CertificateTransitions.After(e);

    public void Apply(CertificateSuperseded e, CertificateRegisterEntry view)
    {
        view.Standing = CertificateTransitions.After(e);
        view.SupersededBy = e.NewCertificateId;
    }
}
