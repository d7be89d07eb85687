using Ledger.Domain.Actors;
using Microsoft.AspNetCore.Authorization;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Api.Persons;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Policies;
using Ledger.Projections;
using Ledger.Projections.Certificates;
using Marten;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Certificates;

/// <summary>The national special-operation catalogue: certificate kinds, work types and industries.</summary>
public sealed record CertificateCatalogView(IReadOnlyList<CertificateKindInfo> Kinds, IReadOnlyList<WorkTypeInfo> WorkTypes, IReadOnlyList<string> Industries);

public static partial class ReadCertificateEndpoints
{
    [WolverineGet("/api/catalog/certificate-kinds", Name = "GetCertificateKinds")]
    [ActorRoles(ActorRole.Regulator, ActorRole.ExamPoint, ActorRole.TrainingInstitution, ActorRole.Enterprise, ActorRole.HrBureau, ActorRole.FinanceBureau, ActorRole.Auditor, ActorRole.SystemAdministrator)]
    public static CertificateCatalogView Catalog(CertificateCatalog catalog) => new(catalog.Kinds, catalog.WorkTypes, catalog.Industries);
}
