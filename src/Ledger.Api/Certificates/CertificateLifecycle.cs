using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Persons;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Certificates;

public static class VersionRule
{
    public static IRuleBuilderOptions<T, long?> LedgerVersion<T>(this IRuleBuilder<T, long?> rule) =>
        rule.NotNull().WithMessage("is required: the version this change is based on").GreaterThan(0).WithMessage("must be 1 or more");
}

public static partial class CertificateLifecycleEndpoints
{
    private static IResult Written(Decided<Certificate> written) => Results.Ok(new CertificateWritten(written.Before.Id, written.Before.Number, written.Version));
}
