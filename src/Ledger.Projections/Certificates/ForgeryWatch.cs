using Ledger.Domain.Certificates;
using Marten.Events.Aggregation;
using NodaTime;

namespace Ledger.Projections.Certificates;

/// <summary>Certificate numbers that were checked but are not in the ledger, or reported forged: leads for regulators (FR-03).</summary>
public sealed class ForgeryWatchEntry
{
    public Guid Id { get; set; }
    /// <summary>Masked when it may be an ID number (CertificateNumber.Display).</summary>
    public string Number { get; set; } = "";
    /// <summary>The keyed certificate stream id of the number: a lead for a certificate the ledger holds names it.</summary>
    public Guid CertificateKey { get; set; }
    public int UnknownChecks { get; set; }
    public int NameMismatches { get; set; }
    public Instant? LastCheckedAt { get; set; }
    public List<ForgeryReport> Reports { get; set; } = [];
}

public sealed record ForgeryReport(LocalDate ReportedOn, string? WhereFound, string Reason);

public sealed partial class ForgeryWatchProjection : SingleStreamProjection<ForgeryWatchEntry, Guid>
{
    public ForgeryWatchEntry Create(UnknownCertificateChecked e) => Apply(e, new ForgeryWatchEntry { Id = e.WatchId, Number = e.Number, CertificateKey = e.CertificateKey });

    public ForgeryWatchEntry Create(ForgedCertificateReported e) => Apply(e, new ForgeryWatchEntry { Id = e.WatchId, Number = e.Number, CertificateKey = e.CertificateKey });

    public ForgeryWatchEntry Apply(UnknownCertificateChecked e, ForgeryWatchEntry view)
    {
        if (e.Outcome == UnknownCertificateChecked.NameMismatch) view.NameMismatches++;
        else view.UnknownChecks++;
        view.LastCheckedAt = e.CheckedAt;
        return view;
    }

    public ForgeryWatchEntry Apply(ForgedCertificateReported e, ForgeryWatchEntry view)
    {
        view.Reports.Add(new ForgeryReport(e.ReportedOn, e.WhereFound, e.Reason));
        return view;
    }
}
