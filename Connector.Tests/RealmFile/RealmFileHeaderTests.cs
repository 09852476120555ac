using Connector.RealmFile;

namespace Connector.Tests.RealmFile;

public sealed class RealmFileHeaderTests
{
    [Test]
    public void Encrypted_file_is_rejected_as_bad_input_naming_encryption_and_offset_16()
    {
        var path = RepositoryPaths.RequireRealmFixture("core-encrypted.realm");

        var error = Assert.Throws<RealmFileException>(() => RealmFileReader.Open(path));

        Assert.That(error!.Message, Does.Contain("encrypted").And.Contain("offset 16"));
        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.BadInput));
    }

    [Test]
    public void Streaming_form_header_takes_the_top_ref_from_the_footer()
    {
        using var reader = RealmFixtures.Open("core-upgrade-22.realm");

        Assert.That(reader.Header.IsStreamingForm, Is.True);
        Assert.That(reader.FileFormat, Is.EqualTo(22));
    }

    [Test]
    public void Select_bit_one_reads_the_second_top_ref_slot()
    {
        using var reader = RealmFixtures.Open("core-asymmetric-22.realm");

        Assert.That(reader.Header.ActiveSlot, Is.EqualTo(1));
        Assert.That(reader.Header.IsStreamingForm, Is.False);
    }

    [TestCase("core-upgrade-20.realm", 20)]
    [TestCase("core-upgrade-23.realm", 23)]
    [TestCase("dotnet-guids-24.realm", 24)]
    [TestCase("js-dates-23.realm", 23)]
    [TestCase("dotnet-v6db-22.realm", 22)]
    public void File_format_is_read_from_the_active_slot(string fixture, int format)
    {
        using var reader = RealmFixtures.Open(fixture);

        Assert.That(reader.FileFormat, Is.EqualTo(format));
    }

    [Test]
    public void Format_25_is_rejected_as_unsupported()
    {
        var bytes = Header(format: 25);

        var error = Assert.Throws<RealmFileException>(() => RealmFileReader.Open(bytes));

        Assert.That(error!.Message, Does.Contain("format 25").And.Contain("offset 20"));
    }

    [Test]
    public void Format_19_is_rejected_as_unsupported()
    {
        var error = Assert.Throws<RealmFileException>(() => RealmFileReader.Open(Header(format: 19)));

        Assert.That(error!.Message, Does.Contain("file format 19 is not supported"));
    }

    [Test]
    public void File_shorter_than_a_header_is_rejected()
    {
        var error = Assert.Throws<RealmFileException>(() => RealmFileReader.Open(new byte[10]));

        Assert.That(error!.Message, Does.Contain("10 bytes"));
    }

    [Test]
    public void Unknown_width_type_is_rejected_with_its_offset()
    {
        var bytes = Header(format: 22, topRef: 24);
        bytes.AsSpan(24, 8).Fill((byte)'A');
        bytes[28] = 0x18; // width type 3

        var error = Assert.Throws<RealmFileException>(() => RealmFileReader.Open(bytes));

        Assert.That(error!.Message, Does.Contain("unknown array width type 3").And.Contain("offset 28"));
    }

    [Test]
    public void Empty_file_with_a_zero_top_ref_has_no_classes()
    {
        using var reader = RealmFileReader.Open(Header(format: 24));

        Assert.That(reader.Schema.Classes, Is.Empty);
    }

    private static byte[] Header(int format, long topRef = 0)
    {
        var bytes = new byte[64];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), topRef);
        "T-DB"u8.CopyTo(bytes.AsSpan(16));
        bytes[20] = (byte)format;
        return bytes;
    }
}
