using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Claims;
using Marten;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ledger.Api.Claims;

public sealed record ReviewFlag(int? LineNo, string RuleId, Severity Severity, bool Blocking, string Evidence);

public sealed record ReviewQueueItem(
    Guid ClaimId,
    ClaimStage Stage,
    string Jurisdiction,
    Guid EnterpriseId,
    string EnterpriseName,
    string InstitutionName,
    LocalDate ApplicationDate,
    int Lines,
    decimal RequestedAmount,
    decimal EntitledAmount,
    int BlockingFindings,
    int NonBlockingFindings,
    int HighFindings,
    IReadOnlyList<ReviewFlag> Flags,
    long Version);

/// <summary>One of the caller's own claims, as the enterprise that filed it or the institution that trained for it follows it.</summary>
public sealed record OwnClaimItem(
    Guid ClaimId,
    ClaimStage Stage,
    string Jurisdiction,
    string EnterpriseName,
    string InstitutionName,
    LocalDate ApplicationDate,
    int Lines,
    decimal RequestedAmount,
    decimal EntitledAmount,
    decimal ApprovedAmount,
    decimal DisbursedAmount,
    LocalDate? PaidOn,
    string? RejectionReason,
    long Version);

public sealed record ClawbackCandidate(
    Guid ClaimId,
    ClaimStage Stage,
    string Jurisdiction,
    string EnterpriseName,
    LocalDate? PaidOn,
    string? PaymentReference,
    int LineNo,
    string CertificateNumber,
    decimal PaidAmount,
    IReadOnlyList<ReviewFlag> Flags,
    long Version);

public sealed record PayoutLedgerTotals(
    int Claims, int Lines, int ApprovedLines, int PaidLines, decimal Requested, decimal Entitled, decimal Approved, decimal Disbursed, decimal Reconciled,
    decimal ClawedBack, decimal Repaid)
{
    public static PayoutLedgerTotals Of(IReadOnlyList<PayoutLedgerRow> rows) => new(
        rows.Sum(r => r.Claims), rows.Sum(r => r.Lines), rows.Sum(r => r.ApprovedLines), rows.Sum(r => r.PaidLines), rows.Sum(r => r.Requested),
        rows.Sum(r => r.Entitled), rows.Sum(r => r.Approved), rows.Sum(r => r.Disbursed), rows.Sum(r => r.Reconciled), rows.Sum(r => r.ClawedBack),
        rows.Sum(r => r.Repaid));
}

public sealed record PayoutLedgerReport(string From, string To, string? Jurisdiction, PayoutLedgerTotals Totals, IReadOnlyList<PayoutLedgerRow> Rows);

/// <summary>One paid line as evidence: which claim paid whom, for what, where, when and under which payment.</summary>
public sealed record PaidLine(
    Guid ClaimId,
    int LineNo,
    Guid PersonId,
    string Name,
    string IdNumberMasked,
    Guid? CertificateId,
    string CertificateNumber,
    LocalDate? CertificateIssuedOn,
    string WorkType,
    SubsidyKind Kind,
    string Cycle,
    Guid EnterpriseId,
    string EnterpriseName,
    string Jurisdiction,
    decimal Amount,
    string PaymentReference,
    string PayeeAccountMasked,
    LocalDate PaidOn);

public sealed record DoublePaymentGroup(string RuleId, string Key, string Reason, decimal TotalPaid, IReadOnlyList<PaidLine> Lines);

public sealed record SharedPayeeAccount(string PayeeAccountMasked, IReadOnlyList<string> Payees, int Persons, int Enterprises, decimal TotalPaid,
    IReadOnlyList<string> PaymentReferences, IReadOnlyList<Guid> ClaimIds);

public sealed record DoublePaymentReport(LocalDate From, LocalDate To, int MaxPersonsPerAccount, int PaidLines, IReadOnlyList<DoublePaymentGroup> Groups,
    IReadOnlyList<SharedPayeeAccount> SharedAccounts);

public static class ClaimReportEndpoints
{
    private static readonly ClaimStage[] Open = [ClaimStage.Submitted, ClaimStage.Attested, ClaimStage.Verified];

    /// <summary>Open claims (submitted, attested, verified) with their flags, the most serious first, for the bureaus that decide them.</summary>
    [WolverineGet("/api/claims/review-queue", Name = "GetClaimReviewQueue")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IReadOnlyList<ReviewQueueItem>> ReviewQueue(string? jurisdiction, string? stage, HttpContext http, IQuerySession session, PolicyCatalog policies,
        CancellationToken ct)
    {
        jurisdiction = Scope.ListJurisdiction(ActorMiddleware.Current(http)!, policies, jurisdiction);
        var stages = Open;
        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (!JsonNames.TryParseKebab<ClaimStage>(stage, out var one) || !Open.Contains(one))
                throw new RequestValidationException(new Dictionary<string, string[]> { ["stage"] = ["must be one of submitted, attested, verified"] });
            stages = [one];
        }
        var query = session.Query<Claim>().Where(c => c.Stage.IsOneOf(stages));
        if (Within(jurisdiction, policies) is { } codes) query = query.Where(c => c.Form.Jurisdiction.IsOneOf(codes));
        var claims = await query.ToListAsync(ct);
        return claims.Select(c =>
        {
            var flags = FlagsOf(c, c.Lines);
            return new ReviewQueueItem(c.Id, c.Stage, c.Form.Jurisdiction, c.Form.EnterpriseId, c.Form.EnterpriseName, c.Form.InstitutionName,
                c.Form.ApplicationDate, c.Lines.Count, c.Form.RequestedAmount, c.EntitledAmount, flags.Count(f => f.Blocking), flags.Count(f => !f.Blocking),
                flags.Count(f => f.Severity == Severity.High), flags, c.Version);
        }).OrderByDescending(i => i.HighFindings).ThenByDescending(i => i.BlockingFindings).ThenBy(i => i.ApplicationDate).ThenBy(i => i.ClaimId).ToList();
    }

    /// <summary>
    /// The claims of the caller's own enterprise (filed by it) or institution (naming it as trainer), at every stage, newest
    /// first. The organisation comes from the caller's token only, so no parameter can widen it to another's claims.
    /// </summary>
    [WolverineGet("/api/claims/mine", Name = "GetOwnClaims")]
    [ActorRoles(ActorRole.Enterprise, ActorRole.TrainingInstitution)]
    public static async Task<IReadOnlyList<OwnClaimItem>> Own(HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        IReadOnlyList<Claim> claims = actor switch
        {
            { Role: ActorRole.Enterprise, EnterpriseId: { } enterprise } => await session.Query<Claim>().Where(c => c.Form.EnterpriseId == enterprise).ToListAsync(ct),
            { Role: ActorRole.TrainingInstitution, InstitutionId: { } institution } =>
                await session.Query<Claim>().Where(c => c.Form.InstitutionId == institution).ToListAsync(ct),
            // A token without its organisation sees nothing rather than everything (fail closed).
            _ => throw new ForbiddenException("the token names no enterprise or institution, so it has no claims of its own"),
        };
        return claims.OrderByDescending(c => c.Form.ApplicationDate).ThenBy(c => c.Id).Select(c => new OwnClaimItem(c.Id, c.Stage, c.Form.Jurisdiction,
            c.Form.EnterpriseName, c.Form.InstitutionName, c.Form.ApplicationDate, c.Lines.Count, c.Form.RequestedAmount, c.EntitledAmount, c.ApprovedAmount,
            c.DisbursedAmount, c.PaidOn, c.RejectionReason, c.Version)).ToList();
    }

    /// <summary>
    /// Paid lines that a later finding (a revoked or suspended certificate, say) calls into question and that no clawback
    /// covers yet: the finance bureau's recovery work list.
    /// </summary>
    [WolverineGet("/api/claims/clawback-queue", Name = "GetClawbackQueue")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IReadOnlyList<ClawbackCandidate>> ClawbackQueue(string? jurisdiction, HttpContext http, IQuerySession session, PolicyCatalog policies,
        CancellationToken ct)
    {
        jurisdiction = Scope.ListJurisdiction(ActorMiddleware.Current(http)!, policies, jurisdiction);
        var query = session.Query<Claim>().Where(c => c.Stage == ClaimStage.Disbursed || c.Stage == ClaimStage.Reconciled);
        if (Within(jurisdiction, policies) is { } codes) query = query.Where(c => c.Form.Jurisdiction.IsOneOf(codes));
        var claims = await query.ToListAsync(ct);
        return claims.SelectMany(c => c.Lines
                .Where(l => l.Decision is { Approved: true } && l.LaterFindings.Any(f => f.Severity == Severity.High)
                    && !c.Clawbacks.Any(b => b.LineNos.Contains(l.Line.LineNo)))
                .Select(l => new ClawbackCandidate(c.Id, c.Stage, c.Form.Jurisdiction, c.Form.EnterpriseName, c.PaidOn, c.PaymentReference, l.Line.LineNo,
                    l.Line.CertificateNumber, l.Decision!.Amount,
                    l.LaterFindings.OrderByDescending(f => f.Severity).Select(f => new ReviewFlag(l.Line.LineNo, f.RuleId, f.Severity, f.Blocking, f.Evidence)).ToList(),
                    c.Version)))
            .OrderBy(c => c.PaidOn).ThenBy(c => c.ClaimId).ThenBy(c => c.LineNo).ToList();
    }

    /// <summary>The payout ledger by month of application, jurisdiction (with those under it), enterprise and institution.</summary>
    [WolverineGet("/api/reports/payout-ledger", Name = "GetPayoutLedger")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<PayoutLedgerReport> PayoutLedger(string? from, string? to, string? jurisdiction, HttpContext http, IQuerySession session,
        PolicyCatalog policies, CancellationToken ct) =>
        await LoadPayoutLedgerAsync(from, to, Scope.ListJurisdiction(ActorMiddleware.Current(http)!, policies, jurisdiction), session, policies, ct);

    public static async Task<PayoutLedgerReport> LoadPayoutLedgerAsync(string? from, string? to, string? jurisdiction, IQuerySession session, PolicyCatalog policies,
        CancellationToken ct)
    {
        var (months, query) = PayoutLedgerQuery(from, to, jurisdiction, session, policies);
        var rows = (await query.ToListAsync(ct))
            .OrderBy(r => r.Month).ThenBy(r => r.Jurisdiction, StringComparer.Ordinal).ThenBy(r => r.EnterpriseName, StringComparer.Ordinal)
            .ThenBy(r => r.InstitutionName, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        return new PayoutLedgerReport(months[0], months[^1], string.IsNullOrWhiteSpace(jurisdiction) ? null : jurisdiction.Trim(), PayoutLedgerTotals.Of(rows), rows);
    }

    /// <summary>The payout ledger's rows for the months and jurisdictions asked (400 naming a bad field), in the ledger's order, for a file written as they are read.</summary>
    public static (string[] Months, IQueryable<PayoutLedgerRow> Rows) PayoutLedgerQuery(string? from, string? to, string? jurisdiction, IQuerySession session,
        PolicyCatalog policies)
    {
        var errors = new Dictionary<string, string[]>();
        var first = Month(from, "from", errors);
        var last = Month(to, "to", errors);
        if (errors.Count == 0 && last < first) errors["to"] = ["cannot precede from"];
        if (errors.Count == 0 && Months(first, last).Count > 240) errors["to"] = ["the period spans at most 20 years"];
        var codes = Within(jurisdiction, policies, errors);
        if (errors.Count > 0) throw new RequestValidationException(errors);
        var months = Months(first, last).Select(m => m.ToString("uuuu-MM", null)).ToArray();
        var query = session.Query<PayoutLedgerRow>().Where(r => r.Month.IsOneOf(months));
        if (codes is not null) query = query.Where(r => r.Jurisdiction.IsOneOf(codes));
        return (months, query.OrderBy(r => r.Month).ThenBy(r => r.Jurisdiction).ThenBy(r => r.EnterpriseName).ThenBy(r => r.InstitutionName).ThenBy(r => r.Id));
    }

    /// <summary>
    /// Was anyone paid twice in the period? Paid lines (the payment, and the line's approved decision) grouped by person and
    /// certificate whatever the subsidy kind or cycle (FR-02), and by person, work type and certificate issue date, which
    /// catches a certificate re-entered under another number (FR-01's fuzzy key); plus payee accounts that received money for
    /// more than <paramref name="maxPersons"/> persons of more than one enterprise.
    /// </summary>
    [WolverineGet("/api/reports/double-payments", Name = "GetDoublePayments")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<DoublePaymentReport> DoublePayments(string? from, string? to, string? maxPersons, string? jurisdiction, HttpContext http,
        IQuerySession session, PolicyCatalog policies, CancellationToken ct)
    {
        // A bureau sees the pairs that touch its jurisdiction, with the other side's lines as the evidence of the double payment.
        jurisdiction = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        bool Within(PaidLine line) => jurisdiction is null || policies.IsWithin(line.Jurisdiction, jurisdiction);
        var errors = new Dictionary<string, string[]>();
        var first = Day(from, "from", errors);
        var last = Day(to, "to", errors);
        if (errors.Count == 0 && last < first) errors["to"] = ["cannot precede from"];
        var n = RequestValidation.OptionalInt(maxPersons, nameof(maxPersons), errors) ?? 20;
        if (n is < 1 or > 1_000_000) errors["maxPersons"] = ["must be between 1 and 1000000"];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        // Payments are few next to other events, and their business date lives in the JSON: read them and keep the period's.
        var payments = (await session.Events.QueryRawEventDataOnly<SubsidyDisbursed>().ToListAsync(ct))
            .Where(p => p.PaidOn >= first && p.PaidOn <= last).ToList();
        var claims = payments.Count == 0 ? [] : (await session.LoadManyAsync<Claim>(ct, payments.Select(p => p.ClaimId).Distinct().ToArray())).ToDictionary(c => c.Id);
        var certificateIds = claims.Values.SelectMany(c => c.CertificateIds).Distinct().ToArray();
        var issuedOn = certificateIds.Length == 0 ? new Dictionary<Guid, LocalDate>()
            : (await session.LoadManyAsync<Certificate>(ct, certificateIds)).ToDictionary(c => c.Id, c => c.IssuedOn);

        var paid = new List<(PaidLine Line, string Account)>();
        foreach (var payment in payments)
        {
            if (!claims.TryGetValue(payment.ClaimId, out var claim)) continue;
            foreach (var line in claim.Lines.Where(l => l.Decision is { Approved: true }))
            {
                var l = line.Line;
                paid.Add((new PaidLine(claim.Id, l.LineNo, l.PersonId, l.Name, l.IdNumberMasked, l.CertificateId, l.CertificateNumber,
                    l.CertificateId is { } cid && issuedOn.TryGetValue(cid, out var issued) ? issued : null, l.WorkType, l.Kind, l.Cycle, claim.Form.EnterpriseId,
                    claim.Form.EnterpriseName, claim.Form.Jurisdiction, line.Decision!.Amount, payment.PaymentReference, Masking.Account(payment.PayeeAccount),
                    payment.PaidOn), payment.PayeeAccount));
            }
        }

        var groups = new List<DoublePaymentGroup>();
        foreach (var found in Ledger.Domain.Claims.DoublePayments.Find(paid.Select(p => p.Line).ToList(),
                     l => new PaidSubsidy(l.PersonId, l.CertificateId, l.WorkType, l.CertificateIssuedOn, l.Kind, l.Cycle)))
        {
            var lines = Ordered(found.Lines);
            var l0 = lines[0];
            groups.Add(found.RuleId == FraudPatterns.SeveralSubsidyKinds
                ? new DoublePaymentGroup(found.RuleId, $"person {l0.PersonId} · certificate {l0.CertificateNumber}",
                    $"certificate {l0.CertificateNumber} was paid {lines.Count} times for one subsidy event", lines.Sum(l => l.Amount), lines)
                : new DoublePaymentGroup(found.RuleId, $"person {l0.PersonId} · {l0.WorkType} · issued {l0.CertificateIssuedOn:uuuu-MM-dd}",
                    $"{lines.Select(l => l.CertificateNumber).Distinct().Count()} certificate numbers for {l0.WorkType} issued on the same day were paid {lines.Count} times",
                    lines.Sum(l => l.Amount), lines));
        }

        var shared = paid.GroupBy(p => p.Account)
            .Where(g => g.Select(p => p.Line.PersonId).Distinct().Count() > n && g.Select(p => p.Line.EnterpriseId).Distinct().Count() > 1)
            .Select(g => new SharedPayeeAccount(Masking.Account(g.Key),
                payments.Where(p => p.PayeeAccount == g.Key).Select(p => p.Payee).Distinct().Order(StringComparer.Ordinal).ToList(),
                g.Select(p => p.Line.PersonId).Distinct().Count(), g.Select(p => p.Line.EnterpriseId).Distinct().Count(), g.Sum(p => p.Line.Amount),
                g.Select(p => p.Line.PaymentReference).Distinct().Order(StringComparer.Ordinal).ToList(),
                g.Select(p => p.Line.ClaimId).Distinct().ToList()))
            .OrderByDescending(a => a.Persons).ToList();

        return new DoublePaymentReport(first, last, n, paid.Count(p => Within(p.Line)),
            groups.Where(g => g.Lines.Any(Within)).OrderByDescending(g => g.TotalPaid).ThenBy(g => g.Key, StringComparer.Ordinal).ToList(),
            shared.Where(a => paid.Any(p => Within(p.Line) && a.ClaimIds.Contains(p.Line.ClaimId))).ToList());
    }

    private static List<PaidLine> Ordered(IEnumerable<PaidLine> lines) => lines.OrderBy(l => l.PaidOn).ThenBy(l => l.ClaimId).ThenBy(l => l.LineNo).ToList();

    public static List<ReviewFlag> FlagsOf(Claim claim, IEnumerable<ClaimLineState> lines) =>
        claim.Form.FormFindings.Select(f => new ReviewFlag(null, f.RuleId, f.Severity, f.Blocking, f.Evidence))
            .Concat(lines.SelectMany(l => l.AllFindings.Select(f => new ReviewFlag(l.Line.LineNo, f.RuleId, f.Severity, f.Blocking, f.Evidence))))
            .OrderByDescending(f => f.Severity).ThenByDescending(f => f.Blocking).ThenBy(f => f.LineNo ?? 0).ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();

    private static string[]? Within(string? jurisdiction, PolicyCatalog policies, Dictionary<string, string[]>? errors = null)
    {
        if (string.IsNullOrWhiteSpace(jurisdiction)) return null;
        var code = jurisdiction.Trim();
        if (policies.Find(code) is null)
        {
            var problem = new Dictionary<string, string[]> { ["jurisdiction"] = [$"'{code}' is not a known jurisdiction"] };
            if (errors is null) throw new RequestValidationException(problem);
            errors["jurisdiction"] = problem["jurisdiction"];
            return null;
        }
        return policies.Jurisdictions.Where(j => policies.IsWithin(j.Code, code)).Select(j => j.Code).ToArray();
    }

    private static YearMonth Month(string? text, string field, Dictionary<string, string[]> errors)
    {
        var parsed = YearMonthPattern.Iso.Parse(text ?? "");
        if (parsed.Success && parsed.Value.OnDayOfMonth(1) >= RequestValidation.EarliestDate && parsed.Value.OnDayOfMonth(1) <= RequestValidation.LatestDate) return parsed.Value;
        errors[field] = [$"is required, written yyyy-MM, between {RequestValidation.EarliestDate:uuuu-MM} and {RequestValidation.LatestDate:uuuu-MM}"];
        return default;
    }

    private static LocalDate Day(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (RequestValidation.IsDate(text)) return RequestValidation.Date(text!);
        errors[field] = [RequestValidation.DateMessage];
        return default;
    }

    private static List<YearMonth> Months(YearMonth first, YearMonth last)
    {
        var months = new List<YearMonth>();
        for (var m = first; m <= last && months.Count <= 240; m = m.PlusMonths(1)) months.Add(m);
        return months;
    }
}
