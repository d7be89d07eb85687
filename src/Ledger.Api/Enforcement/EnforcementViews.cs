using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Domain.Actors;
using Ledger.Domain.Enforcement;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;

namespace Ledger.Api.Enforcement;

public sealed record InspectionWritten(Guid InspectionId, long Version);

public sealed record TipWritten(Guid TipId, long Version);

/// <summary>An inspection as its reader may see it: the enterprise reads its own without the tip-off that may have led to it.</summary>
public sealed record InspectionView(
    Guid InspectionId,
    Guid EnterpriseId,
    string EnterpriseName,
    string Jurisdiction,
    LocalDate InspectedOn,
    bool TrainingPlanChecked,
    string? TrainingPlanFinding,
    int CertificatesChecked,
    int CertificatesMissing,
    IReadOnlyList<QuizResult> SpotQuiz,
    IReadOnlyList<string> RuleIds,
    Guid? TipId,
    string Reason,
    string InspectedBy,
    string Organisation,
    IReadOnlyList<RectificationOrderView> Orders,
    Publication? Publication,
    long Version)
{
    public static InspectionView Of(Inspection i, Actor reader, LocalDate today) => new(i.Id, i.EnterpriseId, i.EnterpriseName, i.Jurisdiction, i.InspectedOn,
        i.TrainingPlanChecked, i.TrainingPlanFinding, i.CertificatesChecked, i.CertificatesMissing, i.SpotQuiz, i.RuleIds,
        reader.Role == ActorRole.Regulator ? i.TipId : null, i.Reason, i.InspectedBy, i.Organisation,
        [.. i.Orders.Select(o => RectificationOrderView.Of(o, today))], i.Publication, i.Version);
}

public sealed record RectificationOrderView(int OrderNo, string Finding, IReadOnlyList<BreachReference> Breaches, LocalDate OrderedOn, LocalDate Deadline,
    bool StopOrdered, string RuleId, RectificationStatus Status, bool Overdue, LocalDate? ReInspectedOn, string? ReInspectionFinding, Penalty? Penalty)
{
    public static RectificationOrderView Of(RectificationOrder o, LocalDate today) => new(o.OrderNo, o.Finding, o.Breaches, o.OrderedOn, o.Deadline, o.StopOrdered,
        o.RuleId, o.Status, o.OverdueOn(today), o.ReInspectedOn, o.ReInspectionFinding, o.Penalty);
}

/// <summary>One open rectification order of the register: overdue from the day after its deadline.</summary>
public sealed record RectificationOrderEntry(Guid InspectionId, Guid EnterpriseId, string EnterpriseName, string Jurisdiction, LocalDate InspectedOn, int OrderNo,
    string Finding, LocalDate OrderedOn, LocalDate Deadline, bool StopOrdered, string RuleId, bool Overdue, int DaysOverdue, bool Penalised, long Version);

/// <summary>A tip-off for the regulators who handle it: never the informant, at most the masked contact they left for a reward.</summary>
public sealed record TipView(Guid TipId, string Jurisdiction, Guid? EnterpriseId, string EnterpriseName, TipSubject Subject, string Allegation, TipChannel Channel,
    LocalDate ReceivedOn, string? InformantContactMasked, bool? Substantiated, string? VerificationFinding, Guid? VerifiedByInspection, LocalDate? VerifiedOn,
    decimal? RewardAmount, string? RewardReference, LocalDate? RewardedOn, long Version)
{
    public static TipView Of(TipOff t) => new(t.Id, t.Jurisdiction, t.EnterpriseId, t.EnterpriseName, t.Subject, t.Allegation, t.Channel, t.ReceivedOn,
        t.InformantContactMasked, t.Substantiated, t.VerificationFinding, t.VerifiedByInspection, t.VerifiedOn, t.RewardAmount, t.RewardReference, t.RewardedOn, t.Version);
}

public static partial class EnforcementEndpoints
{
    /// <summary>
    /// An inspection is the enterprise's and the regulators' of its jurisdiction (auditors read it too); to anyone else it is not found,
    /// since an inspection under way is not public until the regulator publishes it.
    /// </summary>
    public static async Task<Inspection> VisibleInspectionAsync(IQuerySession session, Guid inspectionId, Actor actor, PolicyCatalog policies, CancellationToken ct)
    {
        var inspection = await session.LoadAsync<Inspection>(inspectionId, ct) ?? throw new ResourceNotFoundException("inspection");
        if (!Scope.CoversOrganisation(actor, policies, inspection.Jurisdiction, inspection.EnterpriseId, null) || actor.Role == ActorRole.SystemAdministrator)
            throw new ResourceNotFoundException("inspection");
        return inspection;
    }

    /// <summary>A tip-off is only its jurisdiction's regulators': to anyone else, even another bureau, it is not found.</summary>
    public static async Task<TipOff> VisibleTipAsync(IQuerySession session, Guid tipId, Actor actor, PolicyCatalog policies, CancellationToken ct)
    {
        var tip = await session.LoadAsync<TipOff>(tipId, ct) ?? throw new ResourceNotFoundException("tip-off");
        if (actor.Role != ActorRole.Regulator || !Scope.CoversJurisdiction(actor, policies, tip.Jurisdiction)) throw new ResourceNotFoundException("tip-off");
        return tip;
    }

    /// <summary>The writes on an existing inspection: 404 outside the regulator's jurisdiction, as a read would answer.</summary>
    private static async Task<Inspection> WritableInspectionAsync(IQuerySession session, Guid inspectionId, Actor actor, PolicyCatalog policies, CancellationToken ct)
    {
        var inspection = await VisibleInspectionAsync(session, inspectionId, actor, policies, ct);
        return actor.Role == ActorRole.Regulator ? inspection : throw new ResourceNotFoundException("inspection");
    }

    /// <summary>The whole register of open rectification orders in the caller's scope; the console's page reads the same.</summary>
    public static async Task<IReadOnlyList<RectificationOrderEntry>> RectificationRegister(string? jurisdiction, string? enterprise, bool overdueOnly, Actor actor,
        IQuerySession session, PolicyCatalog policies, LocalDate today, CancellationToken ct)
    {
        var text = string.IsNullOrWhiteSpace(enterprise) ? null : enterprise.Trim();
        if (text is { Length: > 100 } || (text is not null && !RequestValidation.StorableText(text)))
            throw new RequestValidationException(new Dictionary<string, string[]> { ["enterprise"] = ["is at most 100 characters of text"] });
        if (!string.IsNullOrWhiteSpace(jurisdiction) && policies.Find(jurisdiction.Trim()) is null)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["jurisdiction"] = [$"'{jurisdiction.Trim()}' is not a known jurisdiction"] });
        IQueryable<Inspection> query = session.Query<Inspection>().Where(i => i.HasOpenOrder);
        if (actor.Role == ActorRole.Enterprise)
        {
            var own = actor.EnterpriseId ?? Guid.Empty;
            query = query.Where(i => i.EnterpriseId == own);
        }
        else
        {
            var list = Scope.ListJurisdiction(actor, policies, jurisdiction)!;
            var codes = policies.Jurisdictions.Where(j => policies.IsWithin(j.Code, list)).Select(j => j.Code).ToArray();
            query = query.Where(i => i.Jurisdiction.IsOneOf(codes) || i.Jurisdiction.StartsWith(list + "-"));
        }
        if (text is not null) query = query.Where(i => i.EnterpriseName.Contains(text));
        var open = await query.ToListAsync(ct);
        return open.Select(i => (Inspection: i, Order: i.OpenOrder!))
            .Select(x => new RectificationOrderEntry(x.Inspection.Id, x.Inspection.EnterpriseId, x.Inspection.EnterpriseName, x.Inspection.Jurisdiction,
                x.Inspection.InspectedOn, x.Order.OrderNo, x.Order.Finding, x.Order.OrderedOn, x.Order.Deadline, x.Order.StopOrdered, x.Order.RuleId,
                x.Order.OverdueOn(today), x.Order.OverdueOn(today) ? Period.Between(x.Order.Deadline, today, PeriodUnits.Days).Days : 0,
                x.Order.Penalty is not null, x.Inspection.Version))
            .Where(e => !overdueOnly || e.Overdue)
            .OrderByDescending(e => e.DaysOverdue).ThenBy(e => e.Deadline).ThenBy(e => e.EnterpriseName, StringComparer.Ordinal).ThenBy(e => e.InspectionId)
            .ToList();
    }
}
