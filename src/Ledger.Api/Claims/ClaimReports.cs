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

public static partial class ClaimReportEndpoints
{
    private static readonly ClaimStage[] Open = [ClaimStage.Submitted, ClaimStage.Attested, ClaimStage.Verified];

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
