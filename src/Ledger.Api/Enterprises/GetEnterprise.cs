using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enterprises;

public sealed record EnterpriseView(
    Guid EnterpriseId,
    string CreditCode,
    string Name,
    string LegalRepresentative,
    string Industry,
    bool HighRiskIndustry,
    string Jurisdiction,
    string? JurisdictionNameZh,
    bool AboveDesignatedSize,
    int Headcount,
    LocalDate HeadcountReportedOn,
    TrainingCapability TrainingCapability,
    string? EntrustedInstitution,
    LocalDate TrainingCapabilitySince,
    LocalDate RegisteredOn,
    long Version);

public static class GetEnterpriseEndpoint
{
    [WolverineGet("/api/enterprises/{enterpriseId:guid}", Name = "GetEnterprise")]
    [ActorRoles(ActorRole.Regulator, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor)]
    public static async Task<EnterpriseView> Get(Guid enterpriseId, IQuerySession session, IndustryCatalog industries, PolicyCatalog policies, CancellationToken ct)
    {
        var e = await session.LoadAsync<Enterprise>(enterpriseId, ct) ?? throw new ResourceNotFoundException("enterprise");
        return new EnterpriseView(e.Id, e.CreditCode, e.Name, e.LegalRepresentative, e.Industry, industries.Find(e.Industry)?.HighRisk ?? false,
            e.Jurisdiction, policies.Find(e.Jurisdiction)?.NameZh, e.AboveDesignatedSize, e.Headcount, e.HeadcountReportedOn, e.TrainingCapability,
            e.EntrustedInstitution, e.TrainingCapabilitySince, e.RegisteredOn, e.Version);
    }
}
