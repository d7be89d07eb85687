using NodaTime;

namespace Ledger.Domain.Claims;

/// <summary>What a paid line paid for: the person, the certificate record and the subsidy event (kind and cycle) it was paid on.</summary>
public sealed record PaidSubsidy(Guid PersonId, Guid? CertificateId, string WorkType, LocalDate? CertificateIssuedOn, SubsidyKind Kind, string Cycle);

/// <summary>Paid lines that paid one subsidy event more than once, with the pattern they show.</summary>
public sealed record DoublePayment<T>(string RuleId, IReadOnlyList<T> Lines);

/// <summary>
/// The after-payment double-payment finder. One certificate earns one payment per subsidy event: its first issue, and each
/// passed review where the pack pays reviews (TZ-SUB-03 and TZ-SUB-04: "特种作业操作证新取证补贴300-450元/人…复审人员补贴100元/人"),
/// so an initial and a later review payment on one certificate are two events, not one paid twice.
/// </summary>
public static class DoublePayments
{
    public static IReadOnlyList<DoublePayment<T>> Find<T>(IReadOnlyList<T> paid, Func<T, PaidSubsidy> of)
    {
        var result = new List<DoublePayment<T>>();
        var exact = new HashSet<T>();
        // FR-02: the same certificate event funded more than once (under one kind or several).
        foreach (var g in paid.Where(p => of(p).CertificateId is not null).GroupBy(p => (of(p).PersonId, of(p).CertificateId, Event(of(p)))).Where(g => g.Count() > 1))
        {
            result.Add(new DoublePayment<T>(FraudPatterns.SeveralSubsidyKinds, g.ToList()));
            exact.UnionWith(g);
        }
        // FR-01's fuzzy key: the same person, work type and issue date under another certificate record, for the same event.
        foreach (var g in paid.Where(p => of(p).CertificateIssuedOn is not null)
                     .GroupBy(p => (of(p).PersonId, of(p).WorkType, of(p).CertificateIssuedOn, Event(of(p)))).Where(g => g.Count() > 1))
        {
            // The same lines already shown as one certificate paid twice add no evidence under the looser key.
            if (g.All(exact.Contains)) continue;
            result.Add(new DoublePayment<T>(FraudPatterns.DuplicateClaim, g.ToList()));
        }
        return result;
    }

    /// <summary>The subsidy event a line paid: the first issue of a certificate whatever kind was claimed, or one review cycle.</summary>
    public static string Event(PaidSubsidy line) => line.Kind == SubsidyKind.SpecialOperationReview ? line.Cycle : "initial";
}
