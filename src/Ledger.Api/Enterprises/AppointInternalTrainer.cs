using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Institutions;
using Ledger.Api.Persons;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enterprises;

public sealed record AppointInternalTrainerRequest(
    string? EnterpriseCreditCode,
    string? PersonId,
    IReadOnlyList<string?>? WorkTypes,
    string? Qualification,
    string? QualifiedOn,
    string? AppointedOn,
    long? Version)
{
    public sealed class Validator : AbstractValidator<AppointInternalTrainerRequest>
    {
        public Validator(LocalDate today, CertificateCatalog catalog)
        {
            RuleFor(r => r.EnterpriseCreditCode).MustBeCreditCode();
            RuleFor(r => r.PersonId).Must(p => Guid.TryParse(p, out _)).WithMessage("must be the person id returned by POST /api/persons");
            RuleFor(r => r.WorkTypes).NonEmptyList("work type");
            RuleForEach(r => r.WorkTypes).MustBeWorkType(catalog);
            RuleFor(r => r.Qualification).MustBeKebab<AppointInternalTrainerRequest, TrainerQualification>();
            RuleFor(r => r.QualifiedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.AppointedOn).MustBeIsoDate().NotInFuture(today);
            RuleFor(r => r.Version).GreaterThan(0).When(r => r.Version is not null).WithMessage("must be 1 or more, or left out");
        }
    }
}

public static partial class InternalTrainerRosterEndpoints
{
    /// <summary>Appoints a trainer; the enterprise's first appointment opens its roster (201), later ones append to it (200).</summary>
    [WolverinePost("/api/trainer-rosters", Name = "AppointInternalTrainer")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise)]
    public static async Task<IResult> Appoint(AppointInternalTrainerRequest? request, HttpContext http, IDocumentSession session, StreamIdentity ids,
        CertificateCatalog catalog, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        var r = RequestValidation.Valid(request, new AppointInternalTrainerRequest.Validator(clock.Today(), catalog));
        CreditCode.TryParse(r.EnterpriseCreditCode, out var code, out _);
        var owner = await session.LoadAsync<Enterprise>(ids.ForEnterprise(code!), ct);
        // The enterprise keeps its own roster; a bureau keeps those of its jurisdiction (a national one, of unregistered enterprises too).
        Scope.Organisation(ActorMiddleware.Required(http), policies, "enterprise", owner?.Jurisdiction ?? "cn", ids.ForEnterprise(code!), null);
        var personId = Guid.Parse(r.PersonId!);
        _ = await session.LoadAsync<Person>(personId, ct) ?? throw new ResourceNotFoundException("person");
        var creditCode = StreamIdentity.NormaliseCreditCode(r.EnterpriseCreditCode!);
        var rosterId = ids.ForEnterpriseRoster(creditCode);
        JsonNames.TryParseKebab<TrainerQualification>(r.Qualification, out var qualification);
        var command = new AppointInternalTrainer(rosterId, creditCode, personId, [.. r.WorkTypes!.Select(w => w!)], qualification,
            RequestValidation.Date(r.QualifiedOn!), RequestValidation.Date(r.AppointedOn!));
        var location = $"/api/trainer-rosters/{rosterId}";

        if (await session.Events.FetchStreamStateAsync(rosterId, ct) is null)
        {
            if (r.Version is { } expected) throw new StaleVersionException("trainer roster", 0, expected);
            session.Events.StartStream<InternalTrainerRoster>(rosterId, InternalTrainerDecider.Decide(command, null, catalog));
            // Two first appointments racing both try to open the roster; the loser retries against the one that won.
            await session.SaveNewStreamAsync("roster", rosterId, location, "the enterprise's roster was opened by a concurrent appointment; read it and retry", ct);
            return Results.Created(location, new RosterWritten(rosterId, creditCode, 1));
        }

        // The version is optional here: an appointment adds to the roster whatever it holds, unless the caller pins the version it read.
        var written = r.Version is { } version
            ? await session.DecideAsync<InternalTrainerRoster>(rosterId, version, "trainer roster", roster => InternalTrainerDecider.Decide(command, roster, catalog), ct)
            : await session.DecideLatestAsync<InternalTrainerRoster>(rosterId, "trainer roster", roster => [InternalTrainerDecider.Decide(command, roster, catalog)], ct);
        return Results.Ok(new RosterWritten(rosterId, creditCode, written.Version));
    }
}
