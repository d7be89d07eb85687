using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Enterprises;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Enterprises;

public sealed record EnterpriseChanged(Guid EnterpriseId, long Version);

