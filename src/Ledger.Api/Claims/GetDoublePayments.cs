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

public static partial class ClaimReportEndpoints
{
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
        var exact = new HashSet<string>();
        foreach (var g in paid.Where(p => p.Line.CertificateId is not null).GroupBy(p => (p.Line.PersonId, p.Line.CertificateId)).Where(g => g.Count() > 1))
        {
            var lines = Ordered(g.Select(p => p.Line));
            exact.Add(Signature(lines));
            groups.Add(new DoublePaymentGroup(FraudPatterns.SeveralSubsidyKinds, $"person {g.Key.PersonId} · certificate {lines[0].CertificateNumber}",
                $"certificate {lines[0].CertificateNumber} was paid {lines.Count} times", lines.Sum(l => l.Amount), lines));
        }
        foreach (var g in paid.Where(p => p.Line.CertificateIssuedOn is not null)
                     .GroupBy(p => (p.Line.PersonId, p.Line.WorkType, p.Line.CertificateIssuedOn)).Where(g => g.Count() > 1))
        {
            var lines = Ordered(g.Select(p => p.Line));
            // The same lines already shown as one certificate paid twice add no evidence under the looser key.
            if (exact.Contains(Signature(lines))) continue;
            groups.Add(new DoublePaymentGroup(FraudPatterns.DuplicateClaim, $"person {g.Key.PersonId} · {g.Key.WorkType} · issued {g.Key.CertificateIssuedOn:uuuu-MM-dd}",
                $"{lines.Select(l => l.CertificateNumber).Distinct().Count()} certificate numbers for {g.Key.WorkType} issued on the same day were paid {lines.Count} times",
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

    private static string Signature(IEnumerable<PaidLine> lines) => string.Join(",", lines.Select(l => $"{l.ClaimId:N}:{l.LineNo}"));
}
