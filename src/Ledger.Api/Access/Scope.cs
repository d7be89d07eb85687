using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Actors;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Access;

/// <summary>
/// What a role may see beyond its endpoint's role list: a bureau its jurisdiction and those under it, an enterprise
/// or institution itself. Records outside the scope answer 404, so their existence does not leak.
/// </summary>
public static class Scope
{
    /// <summary>
    /// The jurisdiction tree of the policy packs decides (hlj lies under cn); a code no pack names yet is covered by the
    /// codes it extends (sd-jining-x under sd-jining) and by the national root.
    /// </summary>
    public static bool CoversJurisdiction(Actor actor, PolicyCatalog policies, string code) =>
        actor.Jurisdiction is { } mine && (policies.IsWithin(code, mine) || code == mine || code.StartsWith(mine + "-", StringComparison.Ordinal)
            || (policies.ChainOf(code).Count == 0 && policies.ChainOf(mine).Count == 1));

    public static bool IsBureau(Actor actor) =>
        actor.Role is ActorRole.Regulator or ActorRole.HrBureau or ActorRole.FinanceBureau or ActorRole.Auditor;

    public static void Claim(Actor actor, PolicyCatalog policies, Claim claim)
    {
        var visible = actor.Role switch
        {
            ActorRole.Enterprise => actor.EnterpriseId == claim.Form.EnterpriseId,
            ActorRole.TrainingInstitution => actor.InstitutionId == claim.Form.InstitutionId,
            _ => IsBureau(actor) && CoversJurisdiction(actor, policies, claim.Form.Jurisdiction),
        };
        if (!visible) throw new ResourceNotFoundException("claim");
    }

    /// <summary>
    /// The jurisdiction a bureau's list or report covers: what it asked for when that lies within its own jurisdiction,
    /// or its own jurisdiction when it asked for none. A bureau without a jurisdiction sees no list (fail closed).
    /// </summary>
    public static string? ListJurisdiction(Actor actor, PolicyCatalog policies, string? requested)
    {
        if (!IsBureau(actor)) return requested;
        if (actor.Jurisdiction is not { } mine)
            throw new ForbiddenException("a bureau's lists cover its jurisdiction, and this actor names none");
        if (string.IsNullOrWhiteSpace(requested)) return mine;
        if (policies.Find(requested.Trim()) is null) return requested;
        if (!policies.IsWithin(requested.Trim(), mine))
            throw new ForbiddenException($"{requested.Trim()} lies outside the jurisdiction this actor answers for ({mine})");
        return requested;
    }

    /// <summary>The root of the jurisdiction tree: what a record whose jurisdiction the ledger does not know is judged to lie in.</summary>
    public const string National = "cn";

    /// <summary>
    /// Whether a record of the given jurisdictions belongs in a list for <paramref name="listJurisdiction"/> (from
    /// <see cref="ListJurisdiction"/>): when any of them lies within it. A record whose jurisdiction the ledger does not
    /// know lies only in the national list, so a local bureau never sees what it cannot be shown to answer for.
    /// </summary>
    public static bool InList(PolicyCatalog policies, string listJurisdiction, IReadOnlyCollection<string> jurisdictions)
    {
        var list = new Actor("", "", ActorRole.Regulator, listJurisdiction);
        return jurisdictions.Count == 0 ? CoversJurisdiction(list, policies, National) : jurisdictions.Any(j => CoversJurisdiction(list, policies, j));
    }

    /// <summary>An enterprise submits only its own claims; a form naming another enterprise is refused before anything is judged.</summary>
    public static void OwnEnterprise(Actor actor, Guid enterpriseId)
    {
        if (actor.Role == ActorRole.Enterprise && actor.EnterpriseId != enterpriseId)
            throw new ForbiddenException("an enterprise acts only for itself: the enterprise claim of the actor must name this enterprise");
    }

    /// <summary>
    /// An organisation's record (an enterprise, an institution, a class or roster it keeps) in a jurisdiction: a bureau
    /// acts on it when its jurisdiction covers that one, an enterprise or institution only on its own. Organisations are
    /// public entities, so the answer is 403 rather than 404.
    /// </summary>
    public static void Organisation(Actor actor, PolicyCatalog policies, string what, string jurisdiction, Guid? enterpriseId, Guid? institutionId)
    {
        if (!CoversOrganisation(actor, policies, jurisdiction, enterpriseId, institutionId))
            throw new ForbiddenException(IsBureau(actor)
                ? $"this {what} lies in {jurisdiction}, outside the jurisdiction this actor answers for ({actor.Jurisdiction ?? "none"})"
                : $"this {what} is not the actor's own organisation's");
    }

    /// <summary>The test behind <see cref="Organisation"/>; the system administrator runs national imports and so covers every organisation.</summary>
    public static bool CoversOrganisation(Actor actor, PolicyCatalog policies, string jurisdiction, Guid? enterpriseId, Guid? institutionId) => actor.Role switch
    {
        ActorRole.Enterprise => enterpriseId is not null && actor.EnterpriseId == enterpriseId,
        ActorRole.TrainingInstitution or ActorRole.ExamPoint => institutionId is not null && actor.InstitutionId == institutionId,
        ActorRole.SystemAdministrator => true,
        _ => IsBureau(actor) && CoversJurisdiction(actor, policies, jurisdiction),
    };

    /// <summary>A class is its provider's: an institution's or, for internal training, an enterprise's.</summary>
    public static bool CoversClass(Actor actor, PolicyCatalog policies, Domain.Training.TrainingClass c) =>
        CoversOrganisation(actor, policies, c.Jurisdiction,
            c.ProviderKind == Domain.Training.TrainingProviderKind.Enterprise ? c.ProviderId : null,
            c.ProviderKind == Domain.Training.TrainingProviderKind.Institution ? c.ProviderId : null);

    /// <summary>A bureau acts on a record of a jurisdiction only within its own (403 otherwise); other roles pass to their own checks.</summary>
    public static void BureauJurisdiction(Actor actor, PolicyCatalog policies, string what, string jurisdiction)
    {
        if (IsBureau(actor) && !CoversJurisdiction(actor, policies, jurisdiction))
            throw new ForbiddenException($"this {what} lies in {jurisdiction}, outside the jurisdiction this actor answers for ({actor.Jurisdiction ?? "none"})");
    }

    /// <summary>An institution or exam point acts only for itself: a body naming another institution is refused before anything is judged.</summary>
    public static void OwnInstitution(Actor actor, Guid institutionId)
    {
        if (actor.Role is ActorRole.TrainingInstitution or ActorRole.ExamPoint && actor.InstitutionId != institutionId)
            throw new ForbiddenException("an institution acts only for itself: the institution claim of the actor must name this institution");
    }

    /// <summary>
    /// Whether <see cref="Person"/> needs the person's record for this caller: only an enterprise's and a training
    /// provider's view is limited, so ScopeMiddleware loads the person for nobody else.
    /// </summary>
    public static bool PersonScopeDependsOnPerson(Actor actor) => actor.Role is ActorRole.Enterprise or ActorRole.TrainingInstitution or ActorRole.ExamPoint;

    /// <summary>
    /// A person's lifelong file spans employers and jurisdictions (一人一档), so bureaus see every person; an enterprise
    /// sees only the persons it has employed, a training institution or exam point only its own trainees and candidates
    /// (enrolled from their ID card, <see cref="Domain.Training.TraineeEnrolled"/>). Anyone else is "not found".
    /// </summary>
    public static void Person(Actor actor, Domain.Persons.Person person)
    {
        if (!CoversPerson(actor, person)) throw new ResourceNotFoundException("person");
    }

    public static bool CoversPerson(Actor actor, Domain.Persons.Person person) => actor.Role switch
    {
        ActorRole.Enterprise => actor.EnterpriseId is { } mine && person.Employments.Any(e => e.EnterpriseId == mine),
        ActorRole.TrainingInstitution or ActorRole.ExamPoint => actor.InstitutionId is { } own && person.IsTraineeOf(own),
        _ => true,
    };

    /// <summary>Which part of a person file the caller is shown (PersonFileDisclosure): bureaus all of it.</summary>
    public static Projections.Persons.PersonFileAudience PersonAudience(Actor actor) => actor.Role switch
    {
        ActorRole.Enterprise when actor.EnterpriseId is { } e => new Projections.Persons.PersonFileAudience.Employer(e),
        ActorRole.TrainingInstitution or ActorRole.ExamPoint when actor.InstitutionId is { } i => new Projections.Persons.PersonFileAudience.Provider(i),
        ActorRole.Enterprise or ActorRole.TrainingInstitution or ActorRole.ExamPoint => throw new ResourceNotFoundException("person"),
        _ => Projections.Persons.PersonFileAudience.Everything,
    };

    /// <summary>
    /// Whether the caller may credit the person's attendance in the class: a bureau anyone's; a provider (an institution, or
    /// an enterprise training its own staff) only its enrolled trainees, or for an enterprise its employees.
    /// </summary>
    public static bool MayCreditAttendance(Actor actor, Domain.Persons.Person person, Domain.Training.TrainingClass trainingClass) =>
        IsBureau(actor) || actor.Role == ActorRole.SystemAdministrator || person.IsEnrolledIn(trainingClass.Id)
        || (actor.Role == ActorRole.Enterprise && CoversPerson(actor, person));

    /// <summary>An exam point sees the certificates it issued; anyone who covers the holder sees the holder's certificates.</summary>
    public static bool CoversCertificate(Actor actor, Domain.Certificates.Certificate certificate, Domain.Persons.Person? holder) => actor.Role switch
    {
        ActorRole.ExamPoint => actor.InstitutionId is { } own && certificate.IssuedByInstitution == own,
        ActorRole.Enterprise or ActorRole.TrainingInstitution => holder is not null && CoversPerson(actor, holder),
        _ => true,
    };
}
