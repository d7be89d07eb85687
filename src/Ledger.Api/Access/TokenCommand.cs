using JasperFx.CommandLine;
using Ledger.Api.Imports;
using Microsoft.Extensions.Options;
using NodaTime;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;

namespace Ledger.Api.Access;

public sealed class TokenInput : ActorInput
{
    [Description("Hours the token stays valid")]
    public int HoursFlag { get; set; } = 8;
}

[Description("Issue a development bearer token for an actor (Development only)")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    public TokenCommand() => Usage("Issue a development token");

    public override bool Execute(TokenInput input)
    {
        var actor = input.Actor(out var problem);
        if (actor is null) return Fail(problem);
        using var host = input.BuildHost();
        var environment = host.Services.GetRequiredService<IHostEnvironment>();
        // Outside Development tokens come from the organisation's identity provider, never from whoever can run this verb.
        if (!environment.IsDevelopment()) return Fail($"tokens are issued here only in Development (the environment is {environment.EnvironmentName})");
        var options = host.Services.GetRequiredService<IOptions<LedgerAuthOptions>>().Value;
        if (input.HoursFlag < 1 || input.HoursFlag > options.MaxTokenLifetime.TotalHours)
            return Fail($"--hours is between 1 and {options.MaxTokenLifetime.TotalHours:0} (Ledger:Auth:MaxTokenLifetime)");
        Console.WriteLine(DevelopmentTokens.Issue(options, environment, actor, Duration.FromHours(input.HoursFlag), SystemClock.Instance.GetCurrentInstant()));
        return true;
    }

    private static bool Fail(string message)
    {
        Console.Error.WriteLine("token: " + message);
        return false;
    }
}
