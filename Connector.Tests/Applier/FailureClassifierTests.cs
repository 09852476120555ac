using Connector.Adapter;
using Connector.Applier;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Schema;

namespace Connector.Tests.Applier;

public class FailureClassifierTests
{
    private static readonly PlannedCall ListInsert = new("app.Person__dogs$list_insert", CallKind.ListInsert, "Person", [], 4, 4);

    [Test]
    public void Bad_input_transient_and_fatal_failures_are_told_apart()
    {
        Assert.That(FailureClassifier.Classify(new AdapterFormatException("x", "$")), Is.EqualTo(FailureKind.BadInput));
        Assert.That(FailureClassifier.Classify(new IOException("reset")), Is.EqualTo(FailureKind.Transient));
        Assert.That(FailureClassifier.Classify(new InvalidOperationException("bug")), Is.EqualTo(FailureKind.Fatal));
        Assert.That(FailureClassifier.Classify(new OperationCanceledException()), Is.EqualTo(FailureKind.Fatal));
    }

    [TestCase(3, 5, true)]
    [TestCase(5, 5, true)]
    [TestCase(6, 5, false)]
    [TestCase(1, 0, false)]
    public void A_version_at_or_below_the_cursor_is_already_applied(long version, long cursor, bool applied) =>
        Assert.That(FailureClassifier.IsAlreadyApplied(version, cursor), Is.EqualTo(applied));

    [Test]
    public void A_list_index_out_of_range_is_bad_input_at_the_instructions_list_index()
    {
        var error = BadInputErrors.Map(RoutineErrors.ListIndexOutOfRange, "list index 9 is out of range: the list has 2 element(s)", ListInsert, 7)!;

        Assert.That(error.Message, Is.EqualTo("version 7: $.instructions[4].list_index: list index 9 is out of range: the list has 2 element(s)"));
        Assert.That(error.InstructionIndex, Is.EqualTo(4));
    }

    [Test]
    public void A_missing_list_owner_is_bad_input_at_the_identity() =>
        Assert.That(BadInputErrors.Map(RoutineErrors.OwnerNotFound, "the object that owns the list does not exist", ListInsert, 7)!.JsonPath,
            Is.EqualTo("$.instructions[4].identity"));

    [TestCase(2627)]
    [TestCase(2601)]
    [TestCase(8115)]
    [TestCase(8152)]
    [TestCase(2628)]
    public void Duplicate_keys_and_values_that_do_not_fit_are_bad_input(int number) =>
        Assert.That(BadInputErrors.Map(number, "m", ListInsert, 7)?.JsonPath, Is.EqualTo("$.instructions[4]"));

    [TestCase(208)]
    [TestCase(1205)]
    public void Other_sql_errors_are_not_bad_input(int number) =>
        Assert.That(BadInputErrors.Map(number, "m", ListInsert, 7), Is.Null);
}
