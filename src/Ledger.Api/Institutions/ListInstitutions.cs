using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain.Certificates;
using Ledger.Domain.Institutions;
using Ledger.Projections;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Institutions;

public sealed record InstitutionListEntry(
    Guid InstitutionId,
    string CreditCode,
    string Name,
    InstitutionKind Kind,
    string Jurisdiction,
    InstitutionStatus Status,
    IReadOnlyList<string> Scope,
    bool ListedInHrCatalogue,
    bool IsExamPoint);

public static partial class ReadInstitutionEndpoints
{
    /// <summary>The published list of institutions (JZ-INS-02 定期公布名单、培训范围), optionally for one jurisdiction and the ones under it.</summary>
    [WolverineGet("/api/institutions", Name = "ListInstitutions")]
    [ActorRoles(ActorRole.Regulator, ActorRole.TrainingInstitution, ActorRole.ExamPoint, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> List(string? jurisdiction, string? on, HttpContext http, IQuerySession session, PolicyCatalog policies, IClock clock, CancellationToken ct)
    {
        jurisdiction = Scope.ListJurisdiction(ActorMiddleware.Required(http), policies, jurisdiction);
        var (_, date) = AsOfQuery.Parse(null, on, clock);
        if (!string.IsNullOrWhiteSpace(jurisdiction) && !JurisdictionRules.IsJurisdictionCode(jurisdiction))
            throw new RequestValidationException(new Dictionary<string, string[]> { ["jurisdiction"] = ["must be a jurisdiction code such as tj-jizhou or sd-jining"] });
        // Institutions are few; the jurisdiction tree (hlj lies under cn without sharing its prefix) is applied in memory.
        var institutions = (await session.Query<Institution>().OrderBy(i => i.Name).ToListAsync(ct))
            .Where(i => string.IsNullOrWhiteSpace(jurisdiction) || i.Jurisdiction == jurisdiction || i.Jurisdiction.StartsWith(jurisdiction + "-", StringComparison.Ordinal)
                || policies.IsWithin(i.Jurisdiction, jurisdiction))
            .ToList();
        return Results.Ok(institutions.Select(i => new InstitutionListEntry(i.Id, i.CreditCode, i.Name, i.Kind, i.Jurisdiction, i.StatusOn(date),
            i.ScopeOn(date), i.IsListedOn(date), i.IsExamPointOn(date))).ToList());
    }
}
