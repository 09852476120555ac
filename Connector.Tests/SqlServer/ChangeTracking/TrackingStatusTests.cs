using Connector.SqlServer.ChangeTracking;


namespace Connector.Tests.SqlServer.ChangeTracking;

/// <summary>
/// A NULL minimum valid version has several causes, told apart in one query; each gets its own message naming the
/// table and its fix, in the order that keeps the message right (a table the login cannot see shows in no catalog
/// view, so "not tracked" is only said of a visible table).
/// </summary>
public class TrackingStatusTests
{
    private const string Table = "[app].[Dog]";

    [Test]
    public void An_invisible_table_is_dropped_renamed_or_entirely_unpermitted_and_the_message_says_both_fixes() =>
        Assert.That(new TrackingStatus(null, Visible: false, Tracked: false, CanSelect: false, CanViewChanges: false).Problem(Table), Is.EqualTo(
            "table [app].[Dog] does not exist, or the connector's login has no permission on it at all (SQL Server then hides it). " +
            "If it was dropped or renamed, restore it under that name or remove it from the mapping; otherwise run as db_owner: GRANT SELECT, VIEW CHANGE TRACKING ON [app].[Dog] TO [realmsync_connector];"));

    [Test]
    public void A_visible_untracked_table_is_told_to_enable_change_tracking_even_without_the_permission_to_read_it() =>
        Assert.That(new TrackingStatus(null, Visible: true, Tracked: false, CanSelect: true, CanViewChanges: false).Problem(Table), Is.EqualTo(
            "Change Tracking is not enabled on table [app].[Dog]. Run as db_owner: ALTER TABLE [app].[Dog] ENABLE CHANGE_TRACKING;"));

    [TestCase(true, false, "VIEW CHANGE TRACKING")]
    [TestCase(false, true, "SELECT")]
    [TestCase(false, false, "SELECT, VIEW CHANGE TRACKING")]
    public void A_tracked_table_without_the_permissions_names_the_grant(bool select, bool view, string missing) =>
        Assert.That(new TrackingStatus(null, Visible: true, Tracked: true, CanSelect: select, CanViewChanges: view).Problem(Table), Is.EqualTo(
            $"the connector's login lacks {missing} on table [app].[Dog], which reading its changes needs. Run as db_owner: GRANT {missing} ON [app].[Dog] TO [realmsync_connector]; (or to the connector's login)"));

    [Test]
    public void A_tracked_readable_table_with_a_minimum_valid_version_has_no_problem() =>
        Assert.That(new TrackingStatus(42, Visible: true, Tracked: true, CanSelect: true, CanViewChanges: true).Problem(Table), Is.Null);

    [Test]
    public void A_null_version_with_nothing_else_wrong_points_at_the_database_setting() =>
        Assert.That(new TrackingStatus(null, Visible: true, Tracked: true, CanSelect: true, CanViewChanges: true).Problem(Table), Does.StartWith(
            "CHANGE_TRACKING_MIN_VALID_VERSION is NULL for table [app].[Dog] although it is tracked and readable"));

    [Test]
    public void The_status_query_tells_the_causes_apart_in_one_statement_with_the_table_as_a_parameter()
    {
        var sql = ChangeTrackingQueries.TableStatus;

        Assert.That(sql, Does.Contain("OBJECT_ID(@table, N'U')").And.Contain("sys.change_tracking_tables")
            .And.Contain("HAS_PERMS_BY_NAME(@table, N'OBJECT', N'VIEW CHANGE TRACKING')").And.Contain("HAS_PERMS_BY_NAME(@table, N'OBJECT', N'SELECT')")
            .And.Contain("CHANGE_TRACKING_MIN_VALID_VERSION(o.[id])"));
        Assert.That(Connector.SqlServer.Sql.TSqlScriptParser.Errors(sql), Is.Empty);
    }
}
