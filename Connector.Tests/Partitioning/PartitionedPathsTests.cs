using Connector.Catalog;
using Connector.Partitioning;

namespace Connector.Tests.Partitioning;

/// <summary>The rule both appliers use to place a Realm path the catalog does not hold under a partitioned mapping.</summary>
public class PartitionedPathsTests
{
    private static readonly MappedRealm Users = new(3, "^/([0-9a-f]+)/private$", "app") { Partitioned = true };
    private static readonly MappedRealm Shops = new(7, "^/shop/[a-z]+$", "shop") { Partitioned = true };

    [Test]
    public void A_path_one_pattern_matches_comes_back_unregistered_under_that_mapping()
    {
        var found = PartitionedPaths.Match([new MappedRealm(1, "/own", "own"), Users, Shops], "/5f3a/private");

        Assert.That(found, Is.EqualTo(new MappedRealm(0, "/5f3a/private", "app") { PartitionOf = 3 }));
        Assert.That(found!.Registered, Is.False);
    }

    [Test]
    public void A_path_no_pattern_matches_is_null_and_a_path_mapped_on_its_own_is_no_pattern()
    {
        Assert.That(PartitionedPaths.Match([Users, Shops], "/5f3a/public"), Is.Null);
        Assert.That(PartitionedPaths.Match([new MappedRealm(1, ".*", "own")], "/anything"), Is.Null);
    }

    [Test]
    public void The_pattern_matches_the_whole_path()
    {
        Assert.That(PartitionedPaths.Match([Shops], "/shop/abc/extra"), Is.Null);
    }

    [Test]
    public void A_path_two_patterns_match_is_an_error_naming_both()
    {
        var wide = new MappedRealm(9, "^/.*$", "all") { Partitioned = true };

        var error = Assert.Throws<ConnectorException>(() => PartitionedPaths.Match([Users, wide], "/5f3a/private"));

        Assert.That(error!.Message, Does.Contain("'^/([0-9a-f]+)/private$' in schema app").And.Contain("'^/.*$' in schema all").And.Contain("narrow the patterns"));
    }
}
