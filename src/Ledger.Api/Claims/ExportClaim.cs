using NodaTime;
using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Claims;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Claims;
using Marten;
using Wolverine.Http;

namespace Ledger.Api.Claims;

public static partial class ClaimExportEndpoints
{
    [WolverineGet("/api/claims/{claimId:guid}/export.csv", Name = "ExportClaimCsv")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> ClaimCsv(Guid claimId, IQuerySession session, HttpContext http, IDocumentStore store, PolicyCatalog policies, IClock clock, CancellationToken ct) =>
        Results.File(Csv.Write(AuditForm(await ClaimAccess.ReadAsync(http, session, store, policies, clock, claimId, ct))), Csv.ContentType, $"claim-{claimId}.csv");

    [WolverineGet("/api/claims/{claimId:guid}/export.xlsx", Name = "ExportClaimXlsx")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.TrainingInstitution, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<IResult> ClaimXlsx(Guid claimId, IQuerySession session, HttpContext http, IDocumentStore store, PolicyCatalog policies, IClock clock, CancellationToken ct) =>
        Results.File(AuditFormWorkbook.Write(await AuditFormFacts.LoadAsync(await ClaimAccess.ReadAsync(http, session, store, policies, clock, claimId, ct), session, policies, ct)),
            Spreadsheet.ContentType, $"claim-{claimId}.xlsx");
}
