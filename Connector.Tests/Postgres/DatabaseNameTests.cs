using System.Text;
using System.Text.RegularExpressions;

namespace Connector.Tests.Postgres;

/// <summary>The fixture's pure helpers: no server needed.</summary>
public sealed partial class DatabaseNameTests
{
    [Test]
    public void Database_names_are_lowercase_identifiers_of_at_most_63_bytes_and_unique()
    {
        var hostile = "Hostile \"Name\"; -- ü " + new string('x', 100);

        var first = PostgresServer.DatabaseName(hostile, 7);
        var second = PostgresServer.DatabaseName(hostile, 7);

        Assert.That(first, Does.Match(SafeName()));
        Assert.That(first, Does.StartWith("hostile__name_____"));
        Assert.That(first, Does.Match("_7_[0-9a-f]{8}$"));
        Assert.That(Encoding.UTF8.GetByteCount(first), Is.EqualTo(63));
        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(PostgresServer.DatabaseName("2024 run", 1), Does.StartWith("db_2024_run_1_"));
        Assert.That(PostgresServer.DatabaseName("", 1), Does.Match("^db__1_[0-9a-f]{8}$"));
    }

    [Test]
    public void Printed_connection_strings_carry_no_password()
    {
        var printed = PostgresServer.Redacted("Host=db.example;Username=app;Password=s3cret;Database=realm");

        Assert.That(printed, Is.EqualTo("Host=db.example;Username=app;Database=realm"));
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex SafeName();
}
