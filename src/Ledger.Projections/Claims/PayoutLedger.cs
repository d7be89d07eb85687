using JasperFx.Events;
using JasperFx.Events.Grouping;
using Ledger.Domain.Claims;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

namespace Ledger.Projections.Claims;

/// <summary>One claim's contribution to its ledger row, kept so a later reconciliation knows how much it confirms.</summary>
public sealed class PayoutLedgerClaim
{
    public Guid ClaimId { get; set; }
    public int Lines { get; set; }
    public int ApprovedLines { get; set; }
    public decimal Approved { get; set; }
    public decimal Disbursed { get; set; }
    public bool Reconciled { get; set; }
    public bool Rejected { get; set; }
}

/// <summary>
/// The finance bureau's payout ledger: one row per month of application (yyyy-MM) × jurisdiction × enterprise × training
/// institution, with every amount a claim goes through. All amounts are CNY.
/// </summary>
public sealed class PayoutLedgerRow
{
    public string Id { get; set; } = "";
    public string Month { get; set; } = "";
    public string Jurisdiction { get; set; } = "";
    public Guid EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public string EnterpriseCreditCode { get; set; } = "";
    public Guid InstitutionId { get; set; }
    public string InstitutionName { get; set; } = "";
    public int Claims { get; set; }
    public int RejectedClaims { get; set; }
    public int Lines { get; set; }
    public int EligibleLines { get; set; }
    public int ApprovedLines { get; set; }
    public int PaidLines { get; set; }
    public int ClawedBackLines { get; set; }
    public decimal Requested { get; set; }
    public decimal Entitled { get; set; }
    public decimal Approved { get; set; }
    public decimal Disbursed { get; set; }
    public decimal Reconciled { get; set; }
    public decimal ClawedBack { get; set; }
    public decimal Repaid { get; set; }
    public List<PayoutLedgerClaim> ClaimEntries { get; set; } = [];

    /// <summary>The row a claim belongs to never changes: every part of the key is fixed on the submitted form.</summary>
    public static string KeyOf(ClaimSubmitted form) =>
        $"{form.ApplicationDate:uuuu-MM}|{form.Jurisdiction}|{form.EnterpriseId:N}|{form.InstitutionId:N}";

    public PayoutLedgerClaim Entry(Guid claimId)
    {
        var entry = ClaimEntries.FirstOrDefault(c => c.ClaimId == claimId);
        if (entry is null)
        {
            entry = new PayoutLedgerClaim { ClaimId = claimId };
            ClaimEntries.Add(entry);
        }
        return entry;
    }
}

public sealed partial class PayoutLedgerProjection : MultiStreamProjection<PayoutLedgerRow, string>
{
    public PayoutLedgerProjection()
    {
        CustomGrouping(new ClaimRowGrouper());
    }

    public PayoutLedgerRow Create(ClaimSubmitted e)
    {
        var row = new PayoutLedgerRow
        {
            Id = PayoutLedgerRow.KeyOf(e),
            Month = e.ApplicationDate.ToString("uuuu-MM", null),
            Jurisdiction = e.Jurisdiction,
            EnterpriseId = e.EnterpriseId,
            EnterpriseName = e.EnterpriseName,
            EnterpriseCreditCode = e.EnterpriseCreditCode,
            InstitutionId = e.InstitutionId,
            InstitutionName = e.InstitutionName,
        };
        Apply(e, row);
        return row;
    }

    public void Apply(ClaimSubmitted e, PayoutLedgerRow row)
    {
        // Create already counted the claim that opened the row.
        if (row.ClaimEntries.Any(c => c.ClaimId == e.ClaimId)) return;
        row.Entry(e.ClaimId).Lines = e.Lines.Count;
        row.Claims++;
        row.Lines += e.Lines.Count;
        row.EligibleLines += e.Lines.Count(l => l.Status == LineStatus.Eligible);
        row.Requested += e.RequestedAmount;
        row.Entitled += e.Lines.Sum(l => l.EntitledAmount);
    }

    public void Apply(ClaimApproved e, PayoutLedgerRow row)
    {
        var entry = row.Entry(e.ClaimId);
        entry.ApprovedLines = e.Lines.Count(l => l.Approved);
        entry.Approved = e.ApprovedAmount;
        row.ApprovedLines += entry.ApprovedLines;
        row.Approved += e.ApprovedAmount;
    }

    public void Apply(ClaimRejected e, PayoutLedgerRow row)
    {
        row.Entry(e.ClaimId).Rejected = true;
        row.RejectedClaims++;
    }

    public void Apply(SubsidyDisbursed e, PayoutLedgerRow row)
    {
        var entry = row.Entry(e.ClaimId);
        entry.Disbursed = e.Amount;
        row.Disbursed += e.Amount;
        row.PaidLines += entry.ApprovedLines;
    }

    /// <summary>The bank confirms the whole payment, so the row counts the amount that was paid.</summary>
    public void Apply(DisbursementReconciled e, PayoutLedgerRow row)
    {
        var entry = row.Entry(e.ClaimId);
        if (entry.Reconciled) return;
        entry.Reconciled = true;
        row.Reconciled += entry.Disbursed;
    }

    public void Apply(ClawbackOrdered e, PayoutLedgerRow row)
    {
        row.ClawedBack += e.Amount;
        row.ClawedBackLines += e.LineNos.Count;
    }

    public void Apply(ClawbackRepaid e, PayoutLedgerRow row) => row.Repaid += e.Amount;
}

/// <summary>
/// Only ClaimSubmitted names the row's key; later claim events carry just the claim id, so they are routed through the
/// claim's inline snapshot, whose form is the submitted one.
/// </summary>
public sealed class ClaimRowGrouper : IAggregateGrouper<string>
{
    public async Task Group(IQuerySession session, IReadOnlyList<IEvent> events, IEventGrouping<string> grouping)
    {
        var claimEvents = events.Where(e => e.Data is IClaimEvent).ToList();
        if (claimEvents.Count == 0) return;
        var keys = new Dictionary<Guid, string>();
        foreach (var submitted in claimEvents.Select(e => e.Data).OfType<ClaimSubmitted>()) keys[submitted.ClaimId] = PayoutLedgerRow.KeyOf(submitted);
        var unknown = claimEvents.Select(e => ((IClaimEvent)e.Data).ClaimId).Distinct().Where(id => !keys.ContainsKey(id)).ToArray();
        if (unknown.Length > 0)
        {
            foreach (var claim in await session.LoadManyAsync<Claim>(unknown)) keys[claim.Id] = PayoutLedgerRow.KeyOf(claim.Form);
        }
        foreach (var e in claimEvents)
        {
            if (keys.TryGetValue(((IClaimEvent)e.Data).ClaimId, out var key)) grouping.AddEvent(key, e);
        }
    }
}
