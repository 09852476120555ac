using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Connector.RealmFile;

namespace Connector.Tests.RealmFile;

/// <summary>
/// Seeded mutations of every fixture, each read completely: the reader must either succeed or raise
/// <see cref="RealmFileException"/>, within a bounded time. REALMSYNC_FUZZ_ITERATIONS sets the mutations per
/// fixture (default 2000); a failure names the fixture and seed, which reproduce it.
/// </summary>
[Category("Fuzz")]
public sealed class RealmFileFuzzTests
{
    private const int DefaultIterations = 2000;
    private static readonly TimeSpan MaxPerFile = TimeSpan.FromSeconds(5);

    private static IEnumerable<string> Fixtures => RealmFixtures.All;

    [TestCaseSource(nameof(Fixtures))]
    public void Mutated_fixture_reads_completely_or_fails_with_RealmFileException(string fixture)
    {
        var original = File.ReadAllBytes(RepositoryPaths.RequireRealmFixture(fixture));
        var iterations = Iterations();
        var rejected = 0;
        for (var i = 0; i < iterations; i++)
        {
            var seed = (fixture.GetHashCode(StringComparison.Ordinal) & 0xFFFF) * 100_003 + i;
            var (mutated, mutation) = Mutate(original, new Random(seed));
            var clock = Stopwatch.StartNew();
            try
            {
                using var reader = RealmFileReader.Open(mutated);
                RealmFixtures.ReadEverything(reader);
            }
            catch (RealmFileException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"{fixture} seed {seed} ({mutation}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }

            Assert.That(clock.Elapsed, Is.LessThan(MaxPerFile), $"{fixture} seed {seed} ({mutation}) took too long");
        }

        TestContext.Out.WriteLine($"{fixture}: {iterations} mutations, {rejected} rejected with RealmFileException");
    }

    [Test]
    public void Every_truncation_of_a_small_fixture_fails_with_RealmFileException_or_reads()
    {
        var original = File.ReadAllBytes(RepositoryPaths.RequireRealmFixture("core-upgrade-22.realm"));
        for (var length = 0; length < original.Length; length += 8)
        {
            try
            {
                using var reader = RealmFileReader.Open(original.AsMemory(0, length));
                RealmFixtures.ReadEverything(reader);
            }
            catch (RealmFileException)
            {
            }
        }

        Assert.Pass();
    }

    private static int Iterations() =>
        int.TryParse(Environment.GetEnvironmentVariable("REALMSYNC_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : DefaultIterations;

    private static (byte[] Bytes, string Mutation) Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0:
                var flips = random.Next(1, 9);
                for (var f = 0; f < flips; f++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return (bytes, $"{flips} bit flips");
            case 1:
                var length = random.Next(bytes.Length);
                return (bytes[..length], $"truncated to {length}");
            case 2:
                var at = random.Next(bytes.Length / 8) * 8;
                var spliced = random.Next(bytes.Length / 8) * 8;
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at), spliced);
                return (bytes, $"ref {spliced} spliced at {at}");
            case 3:
                var header = random.Next(bytes.Length / 8) * 8;
                bytes[header + 4] = (byte)random.Next(256);
                bytes[header + 5 + random.Next(3)] = (byte)random.Next(256);
                return (bytes, $"node header at {header} rewritten");
            default:
                var from = random.Next(bytes.Length / 8) * 8;
                var to = random.Next(bytes.Length / 8) * 8;
                Array.Copy(original, from, bytes, to, 8);
                return (bytes, $"word {from} copied to {to}");
        }
    }
}
