using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain;
using Ledger.Domain.Certificates;
using Ledger.Domain.Employment;
using Ledger.Domain.Enterprises;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Employment;

public sealed record EmploymentStepRequest(string? On, string? Reason, long? Version)
{
    public sealed class Validator : AbstractValidator<EmploymentStepRequest>
    {
        public Validator(LocalDate today, bool reasonRequired)
        {
            RuleFor(r => r.On).MustBeIsoDate().NotInFuture(today);
            if (reasonRequired) RuleFor(r => r.Reason).Text(500);
            RuleFor(r => r.Version).LedgerVersion();
        }
    }
}

/// <summary>An employment step's answer: the person's stream, the employment and the person's new version.</summary>
public sealed record EmploymentWritten(Guid PersonId, Guid EmploymentId, long Version);

public static partial class EmploymentEndpoints
{
    private static IResult Written(Guid employmentId, Decided<Person> written) => Results.Ok(new EmploymentWritten(written.Before.Id, employmentId, written.Version));
}
