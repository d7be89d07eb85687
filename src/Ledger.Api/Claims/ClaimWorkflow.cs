using Ledger.Domain.Actors;
using FluentValidation;
using Ledger.Api.Certificates;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Ledger.Domain.Certificates;
using Ledger.Domain.Claims;
using Ledger.Domain.Persons;
using Ledger.Domain.Policies;
using Ledger.Domain.Training;
using Ledger.Projections;
using Marten;
using NodaTime;
using Wolverine.Http;

namespace Ledger.Api.Claims;

/// <summary>A workflow step's answer: the claim, the stage it reached and its new version, with what the step found.</summary>
public sealed record ClaimStepWritten(Guid ClaimId, string Stage, long Version, IReadOnlyList<int>? Flagged = null, IReadOnlyList<int>? FailedLines = null,
    decimal? ApprovedAmount = null, decimal? Amount = null);

public static partial class ClaimWorkflowEndpoints
{
    private static ClaimStepWritten Written(Guid claimId, ClaimStage stage, long version) => new(claimId, JsonNames.Kebab(stage), version);
}

