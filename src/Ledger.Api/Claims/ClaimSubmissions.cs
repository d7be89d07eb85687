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
    /// entitlements its eligible lines hold. Three batched round trips whatever the roster's length (claim, enterprise,
    /// institution, persons and certificates; then the classes; then the entitlements), where one line at a time took seven:
    /// at 16 clients the round trips, not PostgreSQL's work, were the submission's cost.
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
        var first = session.CreateBatchQuery();
        var claimState = first.Events.FetchStreamState(command.ClaimId);
        var enterpriseRead = first.Load<Enterprise>(command.EnterpriseId);
        var institutionRead = first.Load<Institution>(command.InstitutionId);
        var personsRead = first.LoadMany<Person>().ById(command.Roster.Select(l => l.PersonId).Distinct().ToArray());
        var certificatesRead = first.LoadMany<Certificate>().ById(command.Roster.Select(l => l.CertificateId).Distinct().ToArray());
        // Every record the roster's persons hold (indexed by person), so one certificate entered under two numbers is found (FR-01).
        var rosterPersons = command.Roster.Select(l => l.PersonId).Distinct().ToArray();
        var heldRead = first.Query<Certificate>().Where(c => rosterPersons.Contains(c.PersonId)).ToList();
        await first.Execute(ct);
        if (await claimState is not null)
            throw new DuplicateException("claim", command.ClaimId, $"/api/claims/{command.ClaimId}", "a claim with this id was already submitted");
        var enterprise = await enterpriseRead ?? throw new ResourceNotFoundException("enterprise");
        var institution = await institutionRead ?? throw new ResourceNotFoundException("institution");
        var persons = (await personsRead).ToDictionary(p => p.Id);
        var certificates = (await certificatesRead).ToDictionary(c => c.Id);
        var classIds = persons.Values.SelectMany(p => p.Attendance).Where(a => a.ProviderId == institution.Id).Select(a => a.ClassId).Distinct().ToArray();
        var classes = classIds.Length == 0 ? new Dictionary<Guid, TrainingClass>() : (await session.LoadManyAsync<TrainingClass>(ct, classIds)).ToDictionary(c => c.Id);
        var facts = new SubmissionFacts(enterprise, institution, persons, certificates, classes, await heldRead);

        var judged = ClaimSubmissionDecider.Judge(command, facts, policies, catalog, ids);
        var toRead = ClaimSubmissionDecider.EntitlementsToRead(judged);
        var entitlements = await session.ReadForWritingAsync<Entitlement>(toRead, ct);
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
