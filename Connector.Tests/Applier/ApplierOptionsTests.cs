using Connector.Applier;

namespace Connector.Tests.Applier;

public class ApplierOptionsTests
{
    [Test]
    public void Empty_values_take_the_documented_defaults() =>
        Assert.That(ApplierOptions.Parse(null, "", " "), Is.EqualTo(new ApplierOptions(SchemaApplyMode.Auto, BadTransactionPolicy.Stop, ConflictPolicy.SqlWins)));

    [Test]
    public void Known_values_are_read_whatever_their_case() =>
        Assert.That(ApplierOptions.Parse("Script", "skip", "REALM-WINS", 2, TimeSpan.FromSeconds(3)),
            Is.EqualTo(new ApplierOptions(SchemaApplyMode.Script, BadTransactionPolicy.Skip, ConflictPolicy.RealmWins, 2, TimeSpan.FromSeconds(3))));

    [Test]
    public void Every_problem_is_reported_with_its_key_value_and_fix()
    {
        var error = Assert.Throws<ConnectorException>(() => ApplierOptions.Parse("manual", "ignore", "newest-wins", -1, TimeSpan.Zero));

        Assert.That(error!.Message.Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "Schema.ApplyMode = 'manual': not a known value; use 'auto' or 'script'.",
            "Sync.OnBadTransaction = 'ignore': not a known value; use 'stop' or 'skip'.",
            "Sync.ConflictPolicy = 'newest-wins': not a known value; use 'sql-wins' or 'realm-wins'.",
            "Sync.MaxRetries = -1: must be between 0 (no retry) and 100; the default is 5.",
            "Sync.RetryDelay = 00:00:00: must be above 00:00:00 and at most 00:05:00; the default is 00:00:01.",
        }));
        Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.Usage));
    }

    [Test]
    public void The_catalog_spells_policies_as_the_configuration_does()
    {
        Assert.That(ApplierOptions.PolicyText(ConflictPolicy.SqlWins), Is.EqualTo("sql-wins"));
        Assert.That(ApplierOptions.PolicyText(ConflictPolicy.RealmWins), Is.EqualTo("realm-wins"));
    }
}
