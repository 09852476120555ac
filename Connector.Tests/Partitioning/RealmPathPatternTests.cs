using Connector.Partitioning;

namespace Connector.Tests.Partitioning;

/// <summary>The Realm path pattern of a partitioned mapping: whole-path matches, clear errors naming the pattern.</summary>
[TestFixture]
public sealed class RealmPathPatternTests
{
    private static readonly RealmPathPattern Seed = RealmPathPattern.Parse("^/([0-9a-f]+)/private$", "--realm-path-pattern");

    [TestCase("/0123abcd/private", true)]
    [TestCase("/0123abcd/private/", false, TestName = "a trailing slash is another path")]
    [TestCase("/0123abcd/private\n", false, TestName = "a final newline does not match (\\z, not $)")]
    [TestCase("/0123ABCD/private", false, TestName = "case matters: the seed's pattern is lower-case hex")]
    [TestCase("/x/0123abcd/private", false)]
    [TestCase("/default", false)]
    public void The_seed_pattern_matches_whole_paths_only(string path, bool matches) =>
        Assert.That(Seed.Matches(path), Is.EqualTo(matches));

    [Test]
    public void A_pattern_without_anchors_is_anchored_as_a_whole() =>
        Assert.That((RealmPathPattern.Parse("/u[0-9]+", "x").Matches("/u12"), RealmPathPattern.Parse("/u[0-9]+", "x").Matches("/u12/more")), Is.EqualTo((true, false)));

    [Test]
    public void An_invalid_pattern_is_a_usage_error_naming_it_and_the_source()
    {
        var error = Assert.Throws<ConnectorException>(() => RealmPathPattern.Parse("^/([0-9a-f+/private$", "--realm-path-pattern"))!;
        Assert.That((error.ExitCode, error.Message), Is.EqualTo((ExitCodes.Usage, error.Message)));
        Assert.That(error.Message, Does.StartWith("--realm-path-pattern: '^/([0-9a-f+/private$' is not a valid .NET regular expression"));
    }

    [Test]
    public void A_pattern_that_matches_its_own_text_is_refused()
    {
        var error = Assert.Throws<ConnectorException>(() => RealmPathPattern.Parse("/a/b", "--realm-path-pattern"))!;
        Assert.That(error.Message, Does.Contain("'/a/b' matches its own text"));
        Assert.That(RealmPathPattern.Parse("^/a/b$", "--realm-path-pattern").Matches("/a/b"), Is.True);
    }

    [Test]
    public void An_empty_pattern_is_refused() =>
        Assert.That(Assert.Throws<ConnectorException>(() => RealmPathPattern.Parse("", "--realm-path-pattern"))!.Message, Does.Contain("is empty"));
}
