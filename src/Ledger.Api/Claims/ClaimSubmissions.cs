using Ledger.Domain.Actors;
using FluentValidation;
using JasperFx;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Institutions;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Ledger.Projections.National;
using Marten;
using Marten.Exceptions;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Claims;

/// <summary>A submission written through the deciders: what the endpoint does with a form, and the province generator with its own.</summary>
public static class ClaimSubmissions
{
    /// <summary>
    /// Gathers the facts, lets ClaimSubmissionDecider judge and decide, and appends what it returned: the claim and the
    /// entitlements its eligible lines hold. One batched round trip whatever the roster's length: the claim's stream,
    /// enterprise, institution, persons, certificates, every certificate the persons hold, the institution's classes they
    /// attended (found from the persons' attendance on the server) and every entitlement the persons have. Which
    /// entitlements a line takes depends on its judgement (kind and cycle), but each one's id is derived from its person,
    /// so the persons' entitlements hold every one the decider can name. Where one line at a time took seven round trips
    /// and the previous version three, at 16 clients the round trips were the submission's cost.
    /// </summary>
    public static async Task<ClaimSubmitted> AppendAsync(IDocumentSession session, SubmitClaim command, Actor actor, StreamIdentity ids,
        PolicyCatalog policies, CertificateCatalog catalog, CancellationToken ct) =>
        (await AppendAsync(session, command, actor, ids, policies, catalog, null, ct)).Submitted;

    /// <summary>
    /// With a national index (NAT-SUB-04), the holdings of the entitlements the lines would take are read from it as a fact,
    /// and what the decision holds is reserved there before the caller commits, all keys or none. A reservation lost to a
    /// concurrent claim is decided again on the new holdings: another province's holder refuses the submission (422); one of
    /// this province is the provincial race FR-01 already decides, so the caller retries (<see cref="NationalReservationContended"/>).
    /// The caller cancels the returned reservation when its commit fails.
    /// </summary>
    public static async Task<(ClaimSubmitted Submitted, Guid? Reservation)> AppendAsync(IDocumentSession session, SubmitClaim command, Actor actor,
        StreamIdentity ids, PolicyCatalog policies, CertificateCatalog catalog, NationalIndex? national, CancellationToken ct)
    {
        var rosterPersons = command.Roster.Select(l => l.PersonId).Distinct().ToArray();
        var batch = session.CreateBatchQuery();
        var claimState = batch.Events.FetchStreamState(command.ClaimId);
        var enterpriseRead = batch.Load<Enterprise>(command.EnterpriseId);
        var institutionRead = batch.Load<Institution>(command.InstitutionId);
        var personsRead = batch.LoadMany<Person>().ById(rosterPersons);
        var certificatesRead = batch.LoadMany<Certificate>().ById(command.Roster.Select(l => l.CertificateId).Distinct().ToArray());
        // Every record the roster's persons hold (indexed by person), so one certificate entered under two numbers is found (FR-01).
        var heldRead = batch.Query<Certificate>().Where(c => rosterPersons.Contains(c.PersonId)).ToList();
        // The classes of the institution that the persons attended: what the decider reads from Person.Attendance, looked up here.
        var classesRead = batch.Query<TrainingClass>(
            $"where d.id in (select (a ->> 'classId')::uuid from {session.DocumentStore.Options.DatabaseSchemaName}.mt_doc_person p " +
            "cross join lateral jsonb_array_elements(p.data -> 'attendance') a where p.id = any(?) and a ->> 'providerId' = ?)",
            rosterPersons, command.InstitutionId.ToString());
        // Indexed by person; each snapshot's version is its stream's, which the append below expects.
        var entitlementsRead = batch.Query<Entitlement>().Where(e => rosterPersons.Contains(e.PersonId)).ToList();
        await batch.Execute(ct);
        if (await claimState is not null)
            throw new DuplicateException("claim", command.ClaimId, $"/api/claims/{command.ClaimId}", "a claim with this id was already submitted");
        var enterprise = await enterpriseRead ?? throw new ResourceNotFoundException("enterprise");
        var institution = await institutionRead ?? throw new ResourceNotFoundException("institution");
        var persons = (await personsRead).ToDictionary(p => p.Id);
        var certificates = (await certificatesRead).ToDictionary(c => c.Id);
        var classes = (await classesRead).ToDictionary(c => c.Id);
        var facts = new SubmissionFacts(enterprise, institution, persons, certificates, classes, await heldRead);

        var judged = ClaimSubmissionDecider.Judge(command, facts, policies, catalog, ids);
        var toRead = ClaimSubmissionDecider.EntitlementsToRead(judged);
        var entitlements = session.WritableFromSnapshots(await entitlementsRead, e => e.Id, e => e.Version, toRead);
        var province = NationalEntitlements.ProvinceOf(policies, enterprise.Jurisdiction);
        var nationalFacts = national is null ? null : new NationalFacts(province, await national.HoldingsAsync(toRead, ct));
        var decision = ClaimSubmissionDecider.Decide(command, actor, facts, judged, entitlements.States, policies, nationalFacts);
        Guid? reservation = null;
        if (national is not null)
        {
            reservation = await national.ReserveAsync(province, command.ClaimId, NationalEntitlements.ToReserve(decision), ct);
            if (reservation is null)
            {
                ClaimSubmissionDecider.Decide(command, actor, facts, judged, entitlements.States, policies, new NationalFacts(province, await national.HoldingsAsync(toRead, ct)));
                throw new NationalReservationContended();
            }
        }
        entitlements.Append(decision.Held.Select(h => (h.EntitlementId, (object)h)));
        session.Events.StartStream<Claim>(command.ClaimId, decision.Submitted);
        return (decision.Submitted, reservation);
    }
}

/// <summary>
/// A claim of this province took one of the entitlements in the national index between our read and our reservation: the
/// provincial streams decide that race (FR-01), so the submission is judged again on them.
/// </summary>
public sealed class NationalReservationContended() : Exception("an entitlement was reserved in the national index by a concurrent claim of this province");
