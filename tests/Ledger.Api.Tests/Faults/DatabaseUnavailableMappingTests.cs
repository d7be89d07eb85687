using System.Net.Sockets;
using Ledger.Api.Infrastructure;
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
}
