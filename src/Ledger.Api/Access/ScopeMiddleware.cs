using Ledger.Api.Claims;
using Ledger.Domain;
using Ledger.Domain.Actors;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Marten;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Access;

/// <summary>
/// Checks every record a route names against the caller's scope before the endpoint runs, for reads and writes alike,
/// so no endpoint can forget it and an out-of-scope caller learns nothing from validation or version answers either.
/// Persons, claims, employments and certificates outside the scope answer 404 (their existence is personal data);
/// enterprises, institutions, classes and rosters, which are public entities, 403. Ids of records that do not exist
/// pass through, and the endpoint answers 404 as before. Bodies naming a jurisdiction or an organisation are checked
/// by their endpoints, once the body is known to be well formed.
/// </summary>
public sealed class ScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IDocumentStore store, PolicyCatalog policies, StreamIdentity ids)
    {
        if (ActorMiddleware.Current(context) is { } actor
            && context.GetEndpoint()?.Metadata.GetMetadata<ActorRolesAttribute>() is not null
            && context.Request.RouteValues.Count > 0)
        {
            await using var session = store.QuerySession();
            await RouteAsync(context, actor, session, policies, ids, context.RequestAborted);
        }
        await next(context);
    }

    private static Guid? Id(HttpContext context, string name) =>
        context.Request.RouteValues.TryGetValue(name, out var value) && Guid.TryParse(value?.ToString(), out var id) ? id : null;

    private static async Task RouteAsync(HttpContext context, Actor actor, IQuerySession session, PolicyCatalog policies, StreamIdentity ids, CancellationToken ct)
    {
        var read = HttpMethods.IsGet(context.Request.Method);

        if (Id(context, "claimId") is { } claimId && await session.LoadAsync<Claim>(claimId, ct) is { } claim)
            Scope.Claim(actor, policies, claim);

        if (Id(context, "enterpriseId") is { } enterpriseId && await session.LoadAsync<Enterprise>(enterpriseId, ct) is { } enterprise)
            Scope.Organisation(actor, policies, "enterprise", enterprise.Jurisdiction, enterprise.Id, null);

        if (Id(context, "institutionId") is { } institutionId && await session.LoadAsync<Institution>(institutionId, ct) is { } institution)
        {
            // The published list of institutions (JZ-INS-02) is for enterprises and institutions to choose from: they read any entry.
            var published = read && actor.Role is ActorRole.Enterprise or ActorRole.TrainingInstitution or ActorRole.ExamPoint
                && !context.Request.Path.Value!.EndsWith("/history", StringComparison.Ordinal);
            if (!published) Scope.Organisation(actor, policies, "institution", institution.Jurisdiction, null, institution.Id);
        }

        if (Id(context, "classId") is { } classId && await session.LoadAsync<TrainingClass>(classId, ct) is { } trainingClass)
            Scope.Organisation(actor, policies, "training class", trainingClass.Jurisdiction,
                trainingClass.ProviderKind == TrainingProviderKind.Enterprise ? trainingClass.ProviderId : null,
                trainingClass.ProviderKind == TrainingProviderKind.Institution ? trainingClass.ProviderId : null);

        if (Id(context, "rosterId") is { } rosterId && await session.LoadAsync<InternalTrainerRoster>(rosterId, ct) is { } roster)
        {
            CreditCode.TryParse(roster.EnterpriseCreditCode, out var code, out _);
            var owner = code is null ? null : await session.LoadAsync<Enterprise>(ids.ForEnterprise(code), ct);
            // A roster of an enterprise the ledger has not registered has no jurisdiction: only a national bureau covers it.
            Scope.Organisation(actor, policies, "trainer roster", owner?.Jurisdiction ?? "cn", owner?.Id, null);
        }

        // An inspection is its enterprise's and its jurisdiction's regulators' (and auditors'); a tip-off only those regulators'. Both answer
        // 404 outside, so another bureau or enterprise does not learn that an inspection is under way or that someone informed.
        if (Id(context, "inspectionId") is { } inspectionId && await session.LoadAsync<Domain.Enforcement.Inspection>(inspectionId, ct) is { } inspection
            && (!Scope.CoversOrganisation(actor, policies, inspection.Jurisdiction, inspection.EnterpriseId, null) || actor.Role == ActorRole.SystemAdministrator))
            throw new ResourceNotFoundException("inspection");
        if (Id(context, "tipId") is { } tipId && await session.LoadAsync<Domain.Enforcement.TipOff>(tipId, ct) is { } tip
            && (actor.Role != ActorRole.Regulator || !Scope.CoversJurisdiction(actor, policies, tip.Jurisdiction)))
            throw new ResourceNotFoundException("tip-off");

        // Only an enterprise's and a training provider's view of a person depends on the person (Scope.Person); every other
        // role reads every person, so the snapshot is loaded here only for those or an employment route. Profiled at
        // 100,000 persons: loading and deserialising it here was a sixth of a regulator's person-file read.
        var personMatters = Scope.PersonScopeDependsOnPerson(actor) || Id(context, "employmentId") is not null;
        if (personMatters && Id(context, "personId") is { } personId && await session.LoadAsync<Person>(personId, ct) is { } person)
        {
            // Hiring is how a person becomes an enterprise's: the endpoint checks the ID number the enterprise presents.
            var hiring = context.Request.Path.Value!.EndsWith("/employments", StringComparison.Ordinal) && HttpMethods.IsPost(context.Request.Method)
                && actor.Role == ActorRole.Enterprise;
            if (!hiring) Scope.Person(actor, person);
            if (Id(context, "employmentId") is { } employmentId && person.Employment(employmentId) is { } employment)
            {
                var mine = actor.Role switch
                {
                    ActorRole.Enterprise => actor.EnterpriseId == employment.EnterpriseId,
                    _ => Scope.IsBureau(actor) && Scope.CoversJurisdiction(actor, policies, employment.Jurisdiction),
                };
                if (!mine) throw new ResourceNotFoundException("employment");
            }
        }

        if (actor.Role is ActorRole.Enterprise or ActorRole.TrainingInstitution or ActorRole.ExamPoint && Id(context, "certificateId") is { } certificateId
            && await session.LoadAsync<Certificate>(certificateId, ct) is { } certificate)
        {
            var holder = actor.Role == ActorRole.ExamPoint ? null : await session.LoadAsync<Person>(certificate.PersonId, ct);
            if (!Scope.CoversCertificate(actor, certificate, holder)) throw new ResourceNotFoundException("certificate");
        }
    }
}
