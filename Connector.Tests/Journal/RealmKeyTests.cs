using Connector.Journal;

namespace Connector.Tests.Journal;

public class RealmKeyTests
{
    [TestCase("/0123abcd/private", "%2F0123abcd%2Fprivate")]
    [TestCase("plain-Name_1.2", "plain-Name_1.2")]
    [TestCase("100%", "100%25")]
    [TestCase("a b+c", "a%20b%2Bc")]
    [TestCase("/ümlaut/名前", "%2F%C3%BCmlaut%2F%E5%90%8D%E5%89%8D")]
    [TestCase("😀", "%F0%9F%98%80")]
    [TestCase("..\\x", "..%5Cx")]
    [TestCase("/..", "%2F..")]
    [TestCase("...", "...")]
    public void Encode_percent_encodes_every_byte_outside_the_safe_set_in_upper_case_hex(string realmPath, string key) =>
        Assert.That(RealmKey.Encode(realmPath), Is.EqualTo(key));

    [TestCase(".", "%2E")]
    [TestCase("..", "%2E.")]
    public void Encode_never_yields_dot_or_dot_dot_it_encodes_the_leading_dot(string realmPath, string key) =>
        Assert.That(RealmKey.Encode(realmPath), Is.EqualTo(key));

    [TestCase("/0123abcd/private")]
    [TestCase("/ümlaut/名前 😀")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("%2F")]
    [TestCase("/a\u0000b\n")]
    public void Decode_gives_back_the_encoded_realm_path(string realmPath) =>
        Assert.That(RealmKey.Decode(RealmKey.Encode(realmPath)), Is.EqualTo(realmPath));

    [TestCase("..", "the Realm path it stands for is written '%2E.'")]
    [TestCase(".", "the Realm path it stands for is written '%2E'")]
    [TestCase("%2E%2E", "the Realm path it stands for is written '%2E.'")]
    [TestCase("%2f", "the Realm path it stands for is written '%2F'")]
    [TestCase("%41", "the Realm path it stands for is written 'A'")]
    [TestCase("a/b", "character 2 ('/') must be percent-encoded")]
    [TestCase("%2", "the escape at character 1 is not '%' followed by two hex digits")]
    [TestCase("%G0", "the escape at character 1 is not '%' followed by two hex digits")]
    [TestCase("%FF", "its bytes are not valid UTF-8")]
    [TestCase("", "it stands for 0 bytes; a Realm path has 1 to 1024")]
    public void Decode_refuses_anything_encoding_does_not_produce(string key, string problem)
    {
        var e = Assert.Throws<JournalException>(() => RealmKey.Decode(key));
        Assert.That(e!.Message, Is.EqualTo($"'{key}' is not a realm key: {problem}. A realm key is the Realm path with every byte outside [A-Za-z0-9._-] written as %XX (upper-case hex): rename or remove it."));
        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [Test]
    public void A_realm_path_of_1024_bytes_is_accepted() =>
        Assert.That(RealmKey.Encode(new string('a', 1024)), Has.Length.EqualTo(1024));

    [Test]
    public void A_realm_path_over_1024_bytes_is_refused()
    {
        var e = Assert.Throws<JournalException>(() => RealmKey.Encode(new string('é', 513)));
        Assert.That(e!.Message, Does.StartWith("The Realm path '").And.EndWith("' is 1026 UTF-8 bytes; the protocol allows at most 1024: use a shorter Realm path."));
    }

    [Test]
    public void An_empty_realm_path_is_refused()
    {
        var e = Assert.Throws<JournalException>(() => RealmKey.Encode(""));
        Assert.That(e!.Message, Does.StartWith("A Realm path is empty;"));
    }
}
