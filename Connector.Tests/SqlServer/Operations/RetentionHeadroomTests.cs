using Connector.SqlServer.Operations;


namespace Connector.Tests.SqlServer.Operations;

/// <summary>
/// The retention headroom of <c>status</c>: time-based (the watermark's age against Change Tracking's retention
/// period), with the version-based "fallen out" check kept exact.
/// </summary>
public class RetentionHeadroomTests
{
    private static readonly RetentionPeriod TwoDays = RetentionPeriod.FromCatalog(2, 3)!;

    [TestCase(1, (byte)1, "00:01:00", "1 minute")]
    [TestCase(90, (byte)1, "01:30:00", "90 minutes")]
    [TestCase(12, (byte)2, "12:00:00", "12 hours")]
    [TestCase(2, (byte)3, "2.00:00:00", "2 days")]
    public void The_retention_period_is_read_in_its_units(int value, byte units, string duration, string text)
    {
        var period = RetentionPeriod.FromCatalog(value, units)!;

        Assert.That((period.Duration, period.ToString()), Is.EqualTo((TimeSpan.Parse(duration, System.Globalization.CultureInfo.InvariantCulture), text)));
    }

    [Test]
    public void An_unknown_retention_unit_gives_no_period() =>
        Assert.That(RetentionPeriod.FromCatalog(2, 4), Is.Null);

    [Test]
    public void The_time_left_is_the_retention_less_the_watermarks_age() =>
        Assert.That(RetentionHeadroom.Left(TimeSpan.FromHours(30), TwoDays.Duration), Is.EqualTo(TimeSpan.FromHours(18)));

    // Two days' retention and a quarter to warn at: the warning starts once the watermark is 36 hours old.
    [TestCase(0, false)]
    [TestCase(35.99, false)]
    [TestCase(36, false)]
    [TestCase(36.01, true)]
    [TestCase(47.99, true)]
    [TestCase(60, true)]
    public void It_is_close_once_the_age_passes_the_retention_less_the_warning_fraction(double ageHours, bool close) =>
        Assert.That(RetentionHeadroom.IsClose(TimeSpan.FromHours(ageHours), TwoDays.Duration, 0.25), Is.EqualTo(close));

    [Test]
    public void A_recently_advanced_watermark_has_headroom() =>
        Assert.That(RetentionHeadroom.Assess(90, 10, 100, TimeSpan.FromMinutes(10), TwoDays, 0.25),
            Is.EqualTo((HeadroomState.Ok, "advanced 00:10:00 ago; 1.23:50:00 of the 2 days retention left")));

    [Test]
    public void A_watermark_far_into_the_retention_warns_even_when_few_versions_passed() =>
        Assert.That(RetentionHeadroom.Assess(99, 10, 100, TimeSpan.FromHours(40), TwoDays, 0.25),
            Is.EqualTo((HeadroomState.Warning, "advanced 1.16:00:00 ago: 08:00:00 of the 2 days retention left, under 25 %; poll more often or raise the retention")));

    [Test]
    public void A_watermark_older_than_the_retention_warns_that_cleanup_may_take_its_changes_at_any_moment()
    {
        var (state, text) = RetentionHeadroom.Assess(50, 10, 100, TimeSpan.FromHours(49), TwoDays, 0.25);

        Assert.That(state, Is.EqualTo(HeadroomState.Warning));
        Assert.That(text, Does.StartWith("advanced 2.01:00:00 ago, longer than the 2 days retention: the changes after it can be cleaned up at any moment"));
    }

    [Test]
    public void A_watermark_below_the_minimum_valid_version_is_lost_whatever_its_age() =>
        Assert.That(RetentionHeadroom.Assess(5, 10, 100, TimeSpan.FromMinutes(1), TwoDays, 0.25),
            Is.EqualTo((HeadroomState.Lost, "watermark 5 is older than the minimum valid version 10: the next poll re-sends the table whole")));

    [Test]
    public void An_untracked_table_says_so() =>
        Assert.That(RetentionHeadroom.Assess(5, null, 100, TimeSpan.Zero, TwoDays, 0.25).State, Is.EqualTo(HeadroomState.NotTracked));

    [Test]
    public void A_retention_hidden_from_the_login_is_reported_not_guessed()
    {
        var (state, text) = RetentionHeadroom.Assess(90, 10, 100, TimeSpan.FromHours(47), null, 0.25);

        Assert.That(state, Is.EqualTo(HeadroomState.Unknown));
        Assert.That(text, Is.EqualTo("advanced 1.23:00:00 ago; the retention period is hidden from this login (sys.change_tracking_databases needs VIEW ANY DATABASE), so the time left is not measured"));
    }
}
