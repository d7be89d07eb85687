using Ledger.Domain.Actors;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Policies;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Policies;

/// <param name="Chain">The jurisdiction and its ancestors, nearest first.</param>
/// <param name="VersionIds">The versions in force along the chain on the date, nearest first.</param>
/// <param name="SetBy">For each parameter, the version it was taken from.</param>
public sealed record EffectivePolicyView(string Jurisdiction, LocalDate On, IReadOnlyList<string> Chain, IReadOnlyList<string> VersionIds,
    IReadOnlyDictionary<string, object> Parameters, IReadOnlyDictionary<string, string> SetBy);

public static partial class ReadPolicyEndpoints
{
    /// <summary>What applies in a jurisdiction on a day (default today, China Standard Time), merged nearest jurisdiction first.</summary>
    [WolverineGet("/api/policies/effective", Name = "GetEffectivePolicy")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static EffectivePolicyView Effective(string? jurisdiction, string? on, PolicyCatalog catalog, IClock clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(jurisdiction)) errors["jurisdiction"] = ["is required"];
        else if (catalog.Find(jurisdiction) is null) errors["jurisdiction"] = ["is not a known jurisdiction code (GET /api/jurisdictions)"];
        if (!string.IsNullOrWhiteSpace(on) && !RequestValidation.IsDate(on)) errors["on"] = [RequestValidation.DateMessage];
        if (errors.Count > 0) throw new RequestValidationException(errors);

        var date = string.IsNullOrWhiteSpace(on) ? clock.Today() : RequestValidation.Date(on);
        var effective = catalog.For(jurisdiction!, date);
        var setBy = new Dictionary<string, string>();
        foreach (var id in effective.VersionIds)
        {
            foreach (var (name, _) in catalog.Versions.Single(v => v.Id == id).Parameters.SetRules())
                setBy.TryAdd(name, id);
        }

        return new EffectivePolicyView(effective.Jurisdiction, effective.On, catalog.ChainOf(jurisdiction!).Select(j => j.Code).ToList(),
            effective.VersionIds, Rules(effective.Parameters), setBy);
    }
}
