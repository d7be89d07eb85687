using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace Ledger.Api.Persons;

public sealed record RecordSocialInsuranceRequest(string? Region, string? EmployerCreditCode, IReadOnlyList<string>? Months, string? Source)
{
    private static readonly YearMonthPattern Pattern = YearMonthPattern.Iso;

    public sealed class Validator : AbstractValidator<RecordSocialInsuranceRequest>
    {
        public Validator(PolicyCatalog policies, YearMonth thisMonth)
        {
            RuleFor(r => r.Region).Must(j => policies.Find(j ?? "") is not null).WithMessage("is not a known jurisdiction (GET /api/jurisdictions)");
            RuleFor(r => r.EmployerCreditCode).Custom((value, context) =>
            {
                if (!CreditCode.TryParse(value, out _, out var error)) context.AddFailure(error);
            });
            RuleFor(r => r.Months).NotEmpty().WithMessage("must list the months paid, written yyyy-MM").Must(m => m is null || m.Count <= 600);
            RuleForEach(r => r.Months).Must(m => Pattern.Parse(m ?? "") is { Success: true } p && p.Value.OnDayOfMonth(1) >= RequestValidation.EarliestDate)
                .WithMessage($"must be a month written yyyy-MM, from {RequestValidation.EarliestDate:uuuu-MM}")
                .Must(m => !Pattern.Parse(m ?? "").Success || Pattern.Parse(m!).Value <= thisMonth).WithMessage("cannot be a future month");
            RuleFor(r => r.Source).Text(200);
        }
    }

    public IReadOnlyList<YearMonth> ParsedMonths() => Months!.Select(m => Pattern.Parse(m).Value).Distinct().Order().ToList();
}

public sealed record SocialInsuranceWritten(Guid PersonId, int Months, long Version);

public static class RecordSocialInsuranceEndpoint
{
    /// <summary>Months of social insurance as the agency reports them: the fact JZ-SUB-01 counts, never typed into a claim.</summary>
    [WolverinePost("/api/persons/{personId:guid}/social-insurance", Name = "RecordSocialInsurance")]
    // Social-insurance months decide Jizhou's subsidy (JZ-SUB-01); the social-insurance agency under the HR bureau holds them,
    // so only the HR bureau records them, never the enterprise whose claim they decide.
    [ActorRoles(ActorRole.HrBureau)]
    public static async Task<IResult> Post(Guid personId, RecordSocialInsuranceRequest? request, IDocumentSession session, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var today = clock.Today();
        var r = RequestValidation.Valid(request, new RecordSocialInsuranceRequest.Validator(policies, new YearMonth(today.Year, today.Month)));
        CreditCode.TryParse(r.EmployerCreditCode, out var code, out _);
        var written = await session.DecideLatestAsync<Person>(personId, "person", person => PersonDecider.Decide(
            new Domain.Persons.RecordSocialInsurance(r.Region!, code!.Value, r.ParsedMonths(), r.Source!.Trim()), person), ct);
        return Results.Ok(new SocialInsuranceWritten(personId, r.ParsedMonths().Count, written.Version));
    }
}
