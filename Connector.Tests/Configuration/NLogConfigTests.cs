using NLog.Config;

namespace Connector.Tests.Configuration;

public class NLogConfigTests
{
    [Test]
    public void The_nlog_config_loads_with_a_console_and_a_daily_file_target_keeping_14_days()
    {
        var config = new XmlLoggingConfiguration(Path.Combine(RepositoryPaths.Root, "nlog.config"));

        Assert.That(config.AllTargets.Select(t => t.Name).Order(), Is.EqualTo(new[] { "console", "file" }));
        var file = (NLog.Targets.FileTarget)config.FindTargetByName("file")!;
        Assert.That(file.ArchiveEvery, Is.EqualTo(NLog.Targets.FileArchivePeriod.Day));
        Assert.That(file.MaxArchiveDays, Is.EqualTo(14));
    }

    [Test]
    public void The_nlog_config_is_copied_beside_the_program() =>
        Assert.That(File.Exists(Path.Combine(AppContext.BaseDirectory, "nlog.config")), Is.True);
}
