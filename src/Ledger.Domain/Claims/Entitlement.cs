using NodaTime;

namespace Ledger.Domain.Claims;

public interface IEntitlementEvent
{
    Guid EntitlementId { get; }
}

/// <summary>
/// One payable entitlement (person × certificate × subsidy kind × cycle) is one stream whose id is derived from
/// that key, so across enterprises and jurisdictions only one claim line can hold it: a second holder either
/// sees it held (DUPLICATE) or loses the race on the stream's version (FR-01, FR-02).
/// </summary>
[EventSchema(1)]
public sealed record EntitlementHeld(
    Guid EntitlementId, Guid PersonId, Guid CertificateId, SubsidyKind Kind, string Cycle, Guid ClaimId, int LineNo,
    string Jurisdiction, Guid EnterpriseId, LocalDate HeldOn) : IEntitlementEvent;

[EventSchema(1)]
public sealed record EntitlementReleased(Guid EntitlementId, Guid ClaimId, int LineNo, string Reason, LocalDate On) : IEntitlementEvent;

[EventSchema(1)]
public sealed record EntitlementPaid(Guid EntitlementId, Guid ClaimId, int LineNo, decimal Amount, string PaymentReference, LocalDate PaidOn) : IEntitlementEvent;

public sealed record EntitlementHolder(Guid ClaimId, int LineNo, string Jurisdiction, Guid EnterpriseId);

public sealed record Entitlement(Guid Id, Guid PersonId, Guid CertificateId, SubsidyKind Kind, string Cycle, EntitlementHolder? Holder, bool Paid,
    IReadOnlyList<EntitlementHolder> History)
{
    public long Version { get; init; }

    public static Entitlement Create(EntitlementHeld e)
    {
        var holder = new EntitlementHolder(e.ClaimId, e.LineNo, e.Jurisdiction, e.EnterpriseId);
        return new(e.EntitlementId, e.PersonId, e.CertificateId, e.Kind, e.Cycle, holder, false, [holder]);
    }

    public Entitlement Apply(EntitlementHeld e)
    {
        var holder = new EntitlementHolder(e.ClaimId, e.LineNo, e.Jurisdiction, e.EnterpriseId);
        return this with { Holder = holder, History = [.. History, holder] };
    }

    public Entitlement Apply(EntitlementReleased e) => this with { Holder = null };

    public Entitlement Apply(EntitlementPaid e) => this with { Paid = true };
}
