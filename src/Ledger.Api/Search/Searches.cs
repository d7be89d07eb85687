using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Http;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Marten;
using Marten.Pagination;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Search;

/// <summary>A page of a list: the rows, how many match in all, and which page this is (1-based).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

public sealed record EnterpriseListEntry(Guid EnterpriseId, string Name, string CreditCode, string Industry, string Jurisdiction, int Headcount);

public sealed record ClaimListEntry(Guid ClaimId, string EnterpriseName, Guid EnterpriseId, string InstitutionName, string Jurisdiction, LocalDate ApplicationDate,
    ClaimStage Stage, int Lines, decimal RequestedAmount, decimal ApprovedAmount, decimal DisbursedAmount);

public sealed record PersonMatch(Guid PersonId, string Name, string IdNumberMasked, IReadOnlyList<string> Employers);

/// <summary>Name plus the last digits of the ID number, in the body (a name with digits of an ID number is personal data too).</summary>
public sealed record FindPersonsByNameRequest(string? Name, string? IdNumberLast)
{
    public sealed class Validator : AbstractValidator<FindPersonsByNameRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Name).PersonName(50);
            RuleFor(r => r.IdNumberLast).NotEmpty().WithMessage("is required: the last 4 characters of the ID number")
                .Matches("^[0-9]{3}[0-9Xx]$").WithMessage("must be the last 4 characters of the ID number (digits, the last may be X)");
        }
    }
}

/// <summary>
/// Finding records the way officials do: enterprises by name or credit code, claims by enterprise, period, stage (closed
/// ones too) and certificate number, persons by name and the last digits of the ID number. Every list is cut to the
/// caller's scope before it is paged (Scope): a bureau its jurisdiction and those under it, an enterprise or institution
/// its own records.
/// </summary>
public static class SearchEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    [WolverineGet("/api/enterprises", Name = "ListEnterprises")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<Page<EnterpriseListEntry>> Enterprises(string? q, string? jurisdiction, int? page, int? pageSize, HttpContext http, IQuerySession session,
        PolicyCatalog policies, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        var (number, size) = Paging(page, pageSize);
        var text = Text(q, "q", 100);
        IQueryable<Enterprise> query = session.Query<Enterprise>();
        if (actor.Role == ActorRole.Enterprise)
        {
            var own = actor.EnterpriseId ?? Guid.Empty;
            query = query.Where(e => e.Id == own);
        }
        else
        {
            var list = Scope.ListJurisdiction(actor, policies, jurisdiction)!;
            var codes = Within(policies, list);
            if (codes is not null) query = query.Where(e => codes.Contains(e.Jurisdiction) || e.Jurisdiction.StartsWith(list + "-"));
        }
        if (text is not null) query = query.Where(e => e.Name.Contains(text) || e.CreditCode == text.ToUpperInvariant());
        var rows = await query.OrderBy(e => e.Name).ToPagedListAsync(number, size, ct);
        return new(rows.Select(e => new EnterpriseListEntry(e.Id, e.Name, e.CreditCode, e.Industry, e.Jurisdiction, e.Headcount)).ToList(), (int)rows.TotalItemCount, number, size);
    }

    [WolverineGet("/api/claims", Name = "ListClaims")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<Page<ClaimListEntry>> Claims(string? enterprise, string? period, string? stage, string? certificate, string? jurisdiction, int? page,
        int? pageSize, HttpContext http, IQuerySession session, PolicyCatalog policies, CancellationToken ct)
    {
        var actor = ActorMiddleware.Required(http);
        var (number, size) = Paging(page, pageSize);
        var errors = new Dictionary<string, string[]>();
        ClaimStage? wanted = null;
        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (JsonNames.TryParseKebab<ClaimStage>(stage, out var s)) wanted = s;
            else errors["stage"] = [$"must be one of {JsonNames.AllKebab<ClaimStage>()}"];
        }
        (LocalDate From, LocalDate To)? window = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            var p = period.Trim();
            if (p.Length == 4 && int.TryParse(p, out var y) && y is > 2000 and < 2100) window = (new LocalDate(y, 1, 1), new LocalDate(y, 12, 31));
            else if (p.Length == 7 && RequestValidation.IsDate(p + "-01")) { var f = RequestValidation.Date(p + "-01"); window = (f, f.PlusMonths(1).PlusDays(-1)); }
            else errors["period"] = ["must be a year (yyyy) or a month (yyyy-MM)"];
        }
        var enterpriseText = Text(enterprise, "enterprise", 100, errors);
        var certificateText = Text(certificate, "certificate", 40, errors);
        if (errors.Count > 0) throw new RequestValidationException(errors);

        IQueryable<Claim> query = session.Query<Claim>();
        switch (actor.Role)
        {
            case ActorRole.Enterprise:
                var own = actor.EnterpriseId ?? Guid.Empty;
                query = query.Where(c => c.Form.EnterpriseId == own);
                break;
            case ActorRole.TrainingInstitution:
                var mine = actor.InstitutionId ?? Guid.Empty;
                query = query.Where(c => c.Form.InstitutionId == mine);
                break;
            default:
                var list = Scope.ListJurisdiction(actor, policies, jurisdiction)!;
                var codes = Within(policies, list);
                if (codes is not null) query = query.Where(c => codes.Contains(c.Form.Jurisdiction) || c.Form.Jurisdiction.StartsWith(list + "-"));
                break;
        }
        if (wanted is { } st) query = query.Where(c => c.Stage == st);
        if (enterpriseText is not null) query = query.Where(c => c.Form.EnterpriseName.Contains(enterpriseText) || c.Form.EnterpriseCreditCode == enterpriseText.ToUpperInvariant());
        query = query.OrderByDescending(c => c.Form.ApplicationDate);
        static ClaimListEntry Entry(Claim c) => new(c.Id, c.Form.EnterpriseName, c.Form.EnterpriseId, c.Form.InstitutionName, c.Form.Jurisdiction,
            c.Form.ApplicationDate, c.Stage, c.Lines.Count, c.Form.RequestedAmount, c.ApprovedAmount, c.DisbursedAmount);
        if (certificateText is null && window is null)
        {
            var paged = await query.ToPagedListAsync(number, size, ct);
            return new(paged.Select(Entry).ToList(), (int)paged.TotalItemCount, number, size);
        }
        // Marten's LINQ cannot compare NodaTime dates, and lines keep an ID-shaped number masked (CertificateNumber.Display),
        // so these two filters apply to the claims the others have already cut to the caller's and the query's.
        var shown = certificateText is null ? null : CertificateNumber.Display(StreamIdentity.NormaliseCertificateNumber(certificateText));
        var rows = (await query.ToListAsync(ct))
            .Where(c => window is not { } w || (c.Form.ApplicationDate >= w.From && c.Form.ApplicationDate <= w.To))
            .Where(c => shown is null || c.Lines.Any(l => string.Equals(l.Line.CertificateNumber, shown, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return new(rows.Skip((number - 1) * size).Take(size).Select(Entry).ToList(), rows.Count, number, size);
    }

    /// <summary>
    /// Persons by name and the last four characters of the ID number, for the bureaus that read every person file
    /// (an enterprise or institution names a person by the ID card in front of it, POST /api/persons/search). The matches
    /// are masked; at most 20, as a name and four digits leave few.
    /// </summary>
    [WolverinePost("/api/persons/search-by-name", Name = "FindPersonsByName")]
    [ActorRoles(ActorRole.Regulator, ActorRole.HrBureau, ActorRole.FinanceBureau)]
    public static async Task<IReadOnlyList<PersonMatch>> Persons(FindPersonsByNameRequest? request, IQuerySession session, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new FindPersonsByNameRequest.Validator());
        var name = r.Name!.Trim();
        var last = r.IdNumberLast!.ToUpperInvariant();
        var named = await session.Query<Person>().Where(p => p.Name == name).Take(500).ToListAsync(ct);
        return named.Where(p => p.IdNumberMasked.EndsWith(last, StringComparison.Ordinal)).Take(20)
            .Select(p => new PersonMatch(p.Id, p.Name, p.IdNumberMasked, p.Employments.Where(e => e.EndedOn is null).Select(e => e.EnterpriseName).Distinct().ToList()))
            .ToList();
    }

    /// <summary>The codes within a list jurisdiction, or null for the national root (everything).</summary>
    private static string[]? Within(PolicyCatalog policies, string list) =>
        list == Scope.National ? null : policies.Jurisdictions.Where(j => policies.IsWithin(j.Code, list)).Select(j => j.Code).Append(list).Distinct().ToArray();

    private static (int Number, int Size) Paging(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (page is < 1 or > 100_000) errors["page"] = ["must be between 1 and 100000"];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"must be between 1 and {MaxPageSize}"];
        if (errors.Count > 0) throw new RequestValidationException(errors);
        return (page ?? 1, pageSize ?? DefaultPageSize);
    }

    private static string? Text(string? value, string field, int max, Dictionary<string, string[]>? errors = null)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (text.Length > max || !RequestValidation.StorableText(text))
        {
            if (errors is null) throw new RequestValidationException(new Dictionary<string, string[]> { [field] = [$"is at most {max} characters of text"] });
            errors[field] = [$"is at most {max} characters of text"];
        }
        return text;
    }
}
