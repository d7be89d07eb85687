using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enterprises;

public sealed record RegisterEnterpriseRequest(
    string? CreditCode,
    string? Name,
    string? LegalRepresentative,
    string? Industry,
    string? Jurisdiction,
    bool? AboveDesignatedSize,
    int? Headcount,
    string? TrainingCapability,
    string? EntrustedInstitution)
{
    public sealed class Validator : AbstractValidator<RegisterEnterpriseRequest>
    {
        public Validator(IndustryCatalog industries, PolicyCatalog policies)
        {
            RuleFor(r => r.CreditCode).Custom((value, context) =>
            {
                if (!Domain.Enterprises.CreditCode.TryParse(value, out _, out var error)) context.AddFailure(error);
            });
            RuleFor(r => r.Name).Text(200);
            RuleFor(r => r.LegalRepresentative).Text(50);
            RuleFor(r => r.Industry).Must(i => industries.Find(i ?? "") is not null)
                .WithMessage($"must be one of {string.Join(", ", industries.Industries.Select(i => i.Code))}");
            RuleFor(r => r.Jurisdiction).Must(j => policies.Find(j ?? "") is not null)
                .WithMessage("is not a known jurisdiction code (GET /api/jurisdictions)");
            RuleFor(r => r.AboveDesignatedSize).NotNull().WithMessage("is required: whether statistical registration lists the enterprise as above designated size");
            RuleFor(r => r.Headcount).NotNull().WithMessage("is required").InclusiveBetween(1, 10_000_000).WithMessage("must be between 1 and 10000000");
            RuleFor(r => r.TrainingCapability).MustBeKebab<RegisterEnterpriseRequest, TrainingCapability>();
            EntrustedInstitutionRules(this, r => r.TrainingCapability, r => r.EntrustedInstitution);
        }
    }

    /// <summary>An entrusting enterprise names the institution it trains through; a self-training one names none.</summary>
    public static void EntrustedInstitutionRules<T>(AbstractValidator<T> validator, Func<T, string?> capability, System.Linq.Expressions.Expression<Func<T, string?>> institution)
    {
        validator.RuleFor(institution).Text(200)
            .When(r => JsonNames.TryParseKebab<TrainingCapability>(capability(r), out var c) && c == Domain.Enterprises.TrainingCapability.Entrusting);
        validator.RuleFor(institution).Empty().WithMessage("is only named when the training capability is entrusting")
            .When(r => JsonNames.TryParseKebab<TrainingCapability>(capability(r), out var c) && c == Domain.Enterprises.TrainingCapability.SelfTraining);
    }
}

public sealed record EnterpriseWritten(Guid EnterpriseId, string CreditCode, long Version);

public static class RegisterEnterpriseEndpoint
{
    private const string Duplicate = "an enterprise with this unified social credit code is already registered";

    [WolverinePost("/api/enterprises", Name = "RegisterEnterprise")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise)]
    public static async Task<IResult> Post(RegisterEnterpriseRequest? request, HttpContext http, IDocumentSession session, StreamIdentity ids,
        IndustryCatalog industries, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new RegisterEnterpriseRequest.Validator(industries, policies));
        CreditCode.TryParse(r.CreditCode, out var creditCode, out _);
        JsonNames.TryParseKebab<TrainingCapability>(r.TrainingCapability, out var capability);

        var enterpriseId = ids.ForEnterprise(creditCode!);
        var actor = ActorMiddleware.Required(http);
        // An enterprise registers itself only; a bureau registers enterprises of its jurisdiction.
        Scope.OwnEnterprise(actor, enterpriseId);
        Scope.BureauJurisdiction(actor, policies, "enterprise", r.Jurisdiction!);
        var location = $"/api/enterprises/{enterpriseId}";
        // The friendly answer for the common case; a concurrent twin still collides on the stream id at commit.
        if (await session.Events.FetchStreamStateAsync(enterpriseId, ct) is not null)
            throw new DuplicateException("enterprise", enterpriseId, location, Duplicate);

        var registered = EnterpriseDecider.Decide(new RegisterEnterprise(enterpriseId, creditCode!, r.Name!.Trim(), r.LegalRepresentative!.Trim(), r.Industry!,
            r.Jurisdiction!, r.AboveDesignatedSize!.Value, r.Headcount!.Value, capability, r.EntrustedInstitution?.Trim(), clock.Today()));
        session.Events.StartStream<Enterprise>(enterpriseId, registered);
        await session.SaveNewStreamAsync("enterprise", enterpriseId, location, Duplicate, ct);
        return Results.Created(location, new EnterpriseWritten(enterpriseId, registered.CreditCode, 1));
    }
}
