using Connector.SchemaGeneration;

namespace Connector.Tests.SchemaGeneration;

public class NameScopeTests
{
    [Test]
    public void A_free_valid_name_is_kept_as_is_with_no_resolution()
    {
        var scope = new NameScope();

        Assert.That(scope.Claim("Dog", out var why), Is.EqualTo("Dog"));
        Assert.That(why, Is.Null);
    }

    [Test]
    public void A_name_differing_only_by_case_gets_the_next_numbered_suffix()
    {
        var scope = new NameScope();
        scope.Claim("Dog", out _);

        Assert.That(scope.Claim("dog", out var why), Is.EqualTo("dog_2"));
        Assert.That(why, Is.EqualTo("'dog' is already used in this scope (SQL Server compares names case-insensitively)"));
        Assert.That(scope.Claim("DOG", out _), Is.EqualTo("DOG_3"));
    }

    [Test]
    public void A_suffix_that_is_itself_taken_is_skipped()
    {
        var scope = new NameScope("a_2");
        scope.Claim("a", out _);

        Assert.That(scope.Claim("A", out _), Is.EqualTo("A_3"));
    }

    [Test]
    public void A_name_over_128_characters_is_shortened_to_128_with_a_hash_of_the_whole()
    {
        var name = new string('x', 150);
        var claimed = new NameScope().Claim(name, out var why);

        Assert.That(claimed, Has.Length.EqualTo(128));
        Assert.That(claimed, Does.StartWith(new string('x', 119) + "~"));
        Assert.That(why, Is.EqualTo("longer than 128 characters: shortened with a hash of the full name"));
        Assert.That(new NameScope().Claim(name, out _), Is.EqualTo(claimed), "deterministic");
    }

    [Test]
    public void Two_long_names_sharing_their_first_128_characters_stay_distinct()
    {
        var scope = new NameScope();
        var first = scope.Claim(new string('x', 140) + "a", out _);
        var second = scope.Claim(new string('x', 140) + "b", out var why);

        Assert.That(second, Is.Not.EqualTo(first));
        Assert.That(why, Is.EqualTo("longer than 128 characters: shortened with a hash of the full name"));
    }

    [Test]
    public void A_trailing_space_is_kept_visible_with_an_underscore_because_SQL_Server_ignores_it()
    {
        var scope = new NameScope();
        scope.Claim("x", out _);

        Assert.That(scope.Claim("x ", out var why), Is.EqualTo("x _"));
        Assert.That(why, Is.EqualTo("SQL Server ignores trailing spaces in names: '_' appended"));
    }

    [Test]
    public void Control_characters_are_replaced()
    {
        Assert.That(new NameScope().Claim("tab\there", out var why), Is.EqualTo("tab_here"));
        Assert.That(why, Is.EqualTo("control characters replaced by '_'"));
    }

    [Test]
    public void Reserved_names_are_never_handed_out()
    {
        var scope = new NameScope("_realm_object_id");

        Assert.That(scope.Claim("_REALM_OBJECT_ID", out _), Is.EqualTo("_REALM_OBJECT_ID_2"));
    }
}
