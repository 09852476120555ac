using CsCheck;
using NUnit.Framework.Internal;

namespace Connector.Tests.Generators;

/// <summary>
/// How many cases a random test runs: a fixed count in CI, more through <c>REALMSYNC_RANDOM_ITERATIONS</c>
/// (a whole number, used by every random test as its count). A failure names CsCheck's seed; run again with
/// <c>REALMSYNC_RANDOM_SEED=&lt;seed&gt;</c> to replay exactly that case (CsCheck shrinks it first).
/// </summary>
internal static class RandomRuns
{
    public const string IterationsVariable = "REALMSYNC_RANDOM_ITERATIONS";
    public const string SeedVariable = "REALMSYNC_RANDOM_SEED";

    /// <summary>The count to run: the environment's when set, else <paramref name="ciDefault"/>.</summary>
    public static int Count(int ciDefault)
    {
        var text = Environment.GetEnvironmentVariable(IterationsVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ciDefault;
        }

        return int.TryParse(text, out var count) && count > 0
            ? count
            : throw new InvalidOperationException($"{IterationsVariable}='{text}' is not a positive whole number; unset it or give a count such as 1000.");
    }

    /// <summary>
    /// Runs <paramref name="assert"/> on <see cref="Count"/> generated cases on one thread (the machine is shared);
    /// a failure is shrunk and reported with its seed and the smallest failing case.
    /// </summary>
    public static void Check<T>(Gen<T> gen, Action<T> assert, int ciDefault, Func<T, string>? print = null)
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable);
        try
        {
            gen.Sample(value => Isolated(assert, value), seed: string.IsNullOrWhiteSpace(seed) ? null : seed, iter: Count(ciDefault), threads: 1, print: print);
        }
        catch (CsCheckException e)
        {
            // CsCheck's message holds the seed ("Set seed: ..."); say how to replay it with this project's variable.
            Assert.Fail($"{e.Message}\nReplay with {SeedVariable}=<the seed above>.\nFailure: {e.InnerException?.Message}");
        }
    }

    /// <summary>
    /// Runs one case in its own NUnit context: NUnit records a failed Assert in the running test's result even when
    /// it is caught, so without this every case CsCheck tries while shrinking would be reported as a failure.
    /// </summary>
    private static void Isolated<T>(Action<T> assert, T value)
    {
        using var context = new TestExecutionContext.IsolatedContext();
        assert(value);
    }
}
