using System.Net.Sockets;
using Ledger.Api.Access;
using Ledger.Api.Exports;
using Ledger.Api.Http;
using Ledger.Api.Operations;
using Npgsql;

namespace Ledger.Api.Tests.Faults;

/// <summary>Which failures the exception handler answers with 503 and Retry-After; the restart test sees only some of them happen.</summary>
public sealed class DatabaseUnavailableMappingTests
{
    [Theory]
    [InlineData("57P01")] // admin shutdown: pg_ctl stop -m fast
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // cannot connect now: starting up or shutting down
    [InlineData("08006")] // connection failure
    [InlineData("53300")] // too many connections
    [InlineData("57014")] // statement cancelled (statement_timeout)
    public void a_server_going_away_or_out_of_capacity_is_unavailable(string sqlState)
    {
        var server = new PostgresException("down", "FATAL", "FATAL", sqlState);
        LedgerExceptionHandler.DatabaseUnavailable(server).ShouldBeTrue();
        // Marten and Wolverine wrap Npgsql's exceptions.
        LedgerExceptionHandler.DatabaseUnavailable(new InvalidOperationException("wrapped", new InvalidOperationException("twice", server))).ShouldBeTrue();
    }

    [Fact]
    public void a_refused_connection_an_exhausted_pool_and_a_timeout_are_unavailable()
    {
        LedgerExceptionHandler.DatabaseUnavailable(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))).ShouldBeTrue();
        LedgerExceptionHandler.DatabaseUnavailable(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())).ShouldBeTrue();
        LedgerExceptionHandler.DatabaseUnavailable(new TimeoutException()).ShouldBeTrue();
        LedgerExceptionHandler.DatabaseUnavailable(new AggregateException(new InvalidOperationException(), new NpgsqlException("broken"))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("42P01")] // undefined table: a bug, not an outage
    [InlineData("22P02")] // invalid text representation
    public void any_other_server_error_is_not_unavailable(string sqlState)
    {
        LedgerExceptionHandler.DatabaseUnavailable(new PostgresException("no", "ERROR", "ERROR", sqlState)).ShouldBeFalse();
        LedgerExceptionHandler.DatabaseUnavailable(new InvalidOperationException("bug")).ShouldBeFalse();
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Theory]
    [InlineData("53300", 2)] // too many connections: clears in a moment
    [InlineData("57P03", 3)] // starting up or in recovery
    [InlineData("57014", 5)] // statement timeout: overloaded
    public void retry_after_follows_what_the_failure_says_about_the_outage(string sqlState, int seconds)
    {
        new OutageTracker(new Clock()).Failed(new PostgresException("down", "FATAL", "FATAL", sqlState)).RetryAfterSeconds.ShouldBe(seconds);
        new OutageTracker(new Clock()).Failed(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())).RetryAfterSeconds.ShouldBe(2);
    }

    [Fact]
    public void a_server_that_is_down_is_retried_soon_at_first_and_less_often_the_longer_it_stays_down_up_to_a_minute()
    {
        var clock = new Clock();
        var outages = new OutageTracker(clock);
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
        outages.Failed(new PostgresException("bye", "FATAL", "FATAL", "57P01")).RetryAfterSeconds.ShouldBe(2);
        clock.Now += TimeSpan.FromSeconds(12);
        var twelve = outages.Failed(refused);
        (twelve.RetryAfterSeconds, twelve.OutageSeconds, twelve.Kind).ShouldBe((12, 12, OutageTracker.OutageKind.Down));
        for (var i = 0; i < 20; i++)
        {
            clock.Now += TimeSpan.FromSeconds(20);
            outages.Failed(refused);
        }
        outages.Failed(refused).RetryAfterSeconds.ShouldBe(60);
        // Back: the ready probe reached the database, so the next failure is a new outage.
        outages.Recovered();
        outages.Failed(refused).RetryAfterSeconds.ShouldBe(2);
        // So is a failure long after the last one, when no probe saw the recovery.
        clock.Now += TimeSpan.FromSeconds(10);
        outages.Failed(refused);
        clock.Now += OutageTracker.NewOutageAfter + TimeSpan.FromSeconds(1);
        outages.Failed(refused).RetryAfterSeconds.ShouldBe(2);
    }
}
