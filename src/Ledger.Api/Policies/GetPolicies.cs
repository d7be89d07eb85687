using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Policies;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Policies;

/// <param name="Parameters">Only the parameters the version sets, by name, each with its value, rule id and note.</param>
public sealed record PolicyVersionView(string Id, string Jurisdiction, LocalDate EffectiveFrom, LocalDate? EffectiveUntil, string Source,
    IReadOnlyDictionary<string, object> Parameters);

public static partial class ReadPolicyEndpoints
{
    [WolverineGet("/api/policies", Name = "GetPolicies")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static IReadOnlyList<PolicyVersionView> Policies(PolicyCatalog catalog) =>
        catalog.Versions
            .OrderBy(v => catalog.ChainOf(v.Jurisdiction).Count).ThenBy(v => v.Jurisdiction, StringComparer.Ordinal).ThenBy(v => v.EffectiveFrom)
            .Select(v => new PolicyVersionView(v.Id, v.Jurisdiction, v.EffectiveFrom, v.EffectiveUntil, v.Source, Rules(v.Parameters)))
            .ToList();
}
