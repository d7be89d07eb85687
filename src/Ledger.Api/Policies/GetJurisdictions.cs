using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Policies;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Policies;

public sealed record JurisdictionNode(string Code, string NameZh, string NameEn, JurisdictionLevel Level, string? Parent, IReadOnlyList<JurisdictionNode> Children);

public static partial class ReadPolicyEndpoints
{
    [WolverineGet("/api/jurisdictions", Name = "GetJurisdictions")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static IReadOnlyList<JurisdictionNode> Jurisdictions(PolicyCatalog catalog)
    {
        var byParent = catalog.Jurisdictions.Where(j => j.Parent is not null).ToLookup(j => j.Parent!);
        JurisdictionNode Node(Jurisdiction j) =>
            new(j.Code, j.NameZh, j.NameEn, j.Level, j.Parent, byParent[j.Code].Select(Node).ToList());
        return catalog.Jurisdictions.Where(j => j.Parent is null).Select(Node).ToList();
    }
}
