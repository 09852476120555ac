using Connector.SqlServer.Sql;


namespace Connector.Tests.SqlServer.Sql;

public class TransientErrorsTests
{
    [TestCase(1205)]
    [TestCase(-2)]
    [TestCase(3960)]
    [TestCase(3961)]
    [TestCase(40197)]
    [TestCase(40501)]
    [TestCase(40613)]
    [TestCase(49918)]
    [TestCase(49919)]
    [TestCase(49920)]
    [TestCase(4060)]
    [TestCase(233)]
    [TestCase(10053)]
    [TestCase(10054)]
    [TestCase(10060)]
    [TestCase(10928)]
    [TestCase(10929)]
    [TestCase(64)]
    [TestCase(596)]
    public void Listed_error_numbers_are_transient(int number) =>
        Assert.That(TransientErrors.IsTransient(number, 16), Is.True);

    [TestCase(2627)]
    [TestCase(50001)]
    [TestCase(8152)]
    [TestCase(208)]
    [TestCase(547)]
    public void Other_error_numbers_are_not(int number) =>
        Assert.That(TransientErrors.IsTransient(number, 16), Is.False);

    [Test]
    public void A_severity_that_ends_the_connection_is_transient_whatever_the_number() =>
        Assert.That(TransientErrors.IsTransient(0, 20), Is.True);

    [Test]
    public void A_broken_socket_is_transient_and_a_bug_is_not()
    {
        Assert.That(TransientErrors.IsTransient(new IOException("reset")), Is.True);
        Assert.That(TransientErrors.IsTransient(new InvalidOperationException("closed", new System.Net.Sockets.SocketException())), Is.True);
        Assert.That(TransientErrors.IsTransient(new FormatException()), Is.False);
    }

    [TestCase(1205)]
    [TestCase(3960)]
    [TestCase(3961)]
    public void A_sql_exception_carrying_a_deadlock_or_a_snapshot_conflict_is_transient(int number) =>
        Assert.That(TransientErrors.IsTransient(SqlErrors.Exception(number)), Is.True);

    [Test]
    public void A_sql_exception_carrying_an_ordinary_error_is_not_transient() =>
        Assert.That(TransientErrors.IsTransient(SqlErrors.Exception(2627)), Is.False);

    [Test]
    public void Only_a_client_timeout_is_a_timeout()
    {
        Assert.That(TransientErrors.IsTimeout(SqlErrors.Exception(TransientErrors.ClientTimeout)), Is.True);
        Assert.That(TransientErrors.IsTimeout(SqlErrors.Exception(1205)), Is.False);
        Assert.That(TransientErrors.IsTimeout(new IOException("reset")), Is.False);
    }
}
