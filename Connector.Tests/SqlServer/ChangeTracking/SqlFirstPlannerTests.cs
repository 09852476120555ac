using Connector.Adapter;
using Connector.Catalog;
using Connector.ChangeTracking;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.SqlServer.ChangeTracking;

namespace Connector.Tests.SqlServer.ChangeTracking;

/// <summary>The pure part of SQL-first registration: table metadata to catalog rows and ADD_TYPEs, refusals reported.</summary>
public class SqlFirstPlannerTests
{
    private const string Path = "/sql-first";

    private static readonly TableMetadata Orders = new("dbo", "Orders",
        [new("id", "int", false, 4, 10, 0), new("note", "nvarchar", true, 200, 0, 0), new("total", "decimal", false, 9, 10, 2), new("area", "geography", true, -1, 0, 0)],
        ["id"]);

    private static readonly TableMetadata Customers = new("dbo", "Customers", [new("code", "varchar", false, 10, 0, 0)], ["code"]);

    private static readonly TableMetadata Log = new("dbo", "Log", [new("at", "datetime2", false, 8, 27, 7)], []);

    [Test]
    public void A_table_becomes_one_class_row_one_property_row_per_mapped_column_and_an_add_type()
    {
        var plan = SqlFirstPlanner.Plan(Path, [("dbo", "Orders")], [Orders]);

        Assert.That((plan.Mapping.RealmPath, plan.Mapping.SqlSchema, plan.Refusals.Length, plan.AlreadyMapped.Length), Is.EqualTo((Path, "dbo", 0, 0)));
        Assert.That(plan.AddTypes, Is.EqualTo(new[]
        {
            new AddTypeInstruction("Orders",
                [new RealmProperty("id", RealmPropertyType.Int, Indexed: true), new RealmProperty("note", RealmPropertyType.String, Optional: true), new RealmProperty("total", RealmPropertyType.Decimal128)],
                "id"),
        }));
        Assert.That(plan.Rows, Is.EqualTo(new[]
        {
            Row(CatalogRows.MappedClass, ("ClassName", "Orders"), ("Ordinal", 0), ("ClassKind", "top-level"), ("PrimaryKey", "id"), ("SqlTable", "Orders"),
                ("KeyColumn", "id"), ("KeySqlType", "int"), ("NameResolution", null)),
            Property("id", 0, "int", optional: false, indexed: true, key: true, "int"),
            Property("note", 1, "string", optional: true, indexed: false, key: false, "nvarchar(100)"),
            Property("total", 2, "decimal128", optional: false, indexed: false, key: false, "decimal(10,2)"),
        }));
        Assert.That(plan.SkippedColumns, Is.EqualTo(new[] { "column [area] of [dbo].[Orders]: Realm has no type for geography" }));
    }

    [Test]
    public void Every_table_not_mapped_is_reported_with_the_reason()
    {
        var other = Customers with { Schema = "sales" };

        var plan = SqlFirstPlanner.Plan(Path, [("dbo", "Orders"), ("dbo", "Missing"), ("dbo", "Log"), ("sales", "Customers")], [Orders, Log, other]);

        Assert.That(plan.AddTypes.Select(a => a.ObjectType), Is.EqualTo(new[] { "Orders" }));
        Assert.That(plan.Refusals.Select(r => r.Table), Is.EqualTo(new[] { "[dbo].[Missing]", "[dbo].[Log]", "[sales].[Customers]" }));
        Assert.That(plan.Refusals[0].Reason, Is.EqualTo("table [dbo].[Missing] does not exist, or the connector's login cannot see it; check the name in SqlFirst.Tables and the login's permissions"));
        Assert.That(plan.Refusals[1].Reason, Does.StartWith("table [dbo].[Log] has no primary key"));
        Assert.That(plan.Refusals[2].Reason, Is.EqualTo(
            "Realm path '/sql-first' maps tables of schema [dbo] (the catalog keeps one schema per Realm path); list only tables of [dbo] in SqlFirst.Tables"));
    }

    [Test]
    public void Names_are_matched_case_insensitively_and_recorded_as_the_database_spells_them()
    {
        var plan = SqlFirstPlanner.Plan(Path, [("DBO", "orders")], [Orders]);

        Assert.That((plan.Mapping.SqlSchema, plan.AddTypes.Single().ObjectType), Is.EqualTo(("dbo", "Orders")));
    }

    [Test]
    public void A_path_already_mapped_sql_first_grows_by_the_new_tables_only()
    {
        var previous = SqlFirstPlanner.Plan(Path, [("dbo", "Orders")], [Orders]).Mapping;

        var plan = SqlFirstPlanner.Plan(Path, [("dbo", "Orders"), ("dbo", "Customers")], [Orders, Customers], previous, SqlFirstPlanner.MappingMode);

        Assert.That(plan.AlreadyMapped, Is.EqualTo(new[] { "[dbo].[Orders]" }));
        Assert.That(plan.AddTypes.Select(a => a.ObjectType), Is.EqualTo(new[] { "Customers" }));
        Assert.That(plan.Mapping.Classes.Select(c => c.Class.Name), Is.EqualTo(new[] { "Orders", "Customers" }));
        Assert.That(plan.Rows.Select(r => (r.Table, r.Values[0].Value, r.Values[1].Value)), Is.EqualTo(new[]
        {
            (CatalogRows.MappedClass, (object?)"Customers", (object?)1),
            (CatalogRows.MappedProperty, "Customers", "code"),
        }));
    }

    [Test]
    public void The_mapping_survives_the_deployment_row_it_is_stored_in()
    {
        var mapping = SqlFirstPlanner.Plan(Path, [("dbo", "Orders"), ("dbo", "Customers")], [Orders, Customers]).Mapping;

        Assert.That(SchemaMappingJson.Read(SchemaMappingJson.Write(mapping)), Is.EqualTo(mapping));
    }

    [Test]
    public void Nothing_new_is_no_change()
    {
        var previous = SqlFirstPlanner.Plan(Path, [("dbo", "Orders")], [Orders]).Mapping;

        var plan = SqlFirstPlanner.Plan(Path, [("dbo", "Orders")], [Orders], previous, SqlFirstPlanner.MappingMode);

        Assert.That((plan.HasChanges, plan.Rows.Length, plan.AlreadyMapped.Length), Is.EqualTo((false, 0, 1)));
    }

    [Test]
    public void A_table_without_change_tracking_is_refused_with_the_statement_that_enables_it() =>
        Assert.That(SqlFirstPlanner.Plan(Path, [("dbo", "Orders"), ("dbo", "Customers")], [Orders, Customers], tracking: new Dictionary<(string, string), TrackingStatus>
            {
                [("dbo", "Orders")] = new(null, Visible: true, Tracked: false, CanSelect: true, CanViewChanges: true),
                [("dbo", "Customers")] = new(1, Visible: true, Tracked: true, CanSelect: true, CanViewChanges: true),
            }).Refusals,
            Is.EqualTo(new[]
            {
                new SqlFirstRefusal("[dbo].[Orders]", "Change Tracking is not enabled on table [dbo].[Orders]. Run as db_owner: ALTER TABLE [dbo].[Orders] ENABLE CHANGE_TRACKING; Then install again."),
            }));

    /// <summary>Change Tracking needs a primary key: for a table without one, that is the cause to name, not the missing tracking.</summary>
    [Test]
    public void A_table_without_primary_key_is_refused_for_its_key_before_its_missing_change_tracking() =>
        Assert.That(SqlFirstPlanner.Plan(Path, [("dbo", "Heap")], [new TableMetadata("dbo", "Heap", [new ColumnMetadata("id", "int", false, 4, 0, 0)], [])],
            tracking: new Dictionary<(string, string), TrackingStatus> { [("dbo", "Heap")] = new(null, Visible: true, Tracked: false, CanSelect: true, CanViewChanges: true) }).Refusals.Single().Reason,
            Does.StartWith("table [dbo].[Heap] has no primary key"));

    [Test]
    public void A_table_whose_changes_the_login_may_not_read_is_refused_with_the_grant_the_poller_would_ask_for() =>
        Assert.That(SqlFirstPlanner.Plan(Path, [("dbo", "Orders")], [Orders], tracking: new Dictionary<(string, string), TrackingStatus>
            {
                [("dbo", "Orders")] = new(null, Visible: true, Tracked: true, CanSelect: true, CanViewChanges: false),
            }).Refusals.Single().Reason,
            Is.EqualTo("the connector's login lacks VIEW CHANGE TRACKING on table [dbo].[Orders], which reading its changes needs. " +
                "Run as db_owner: GRANT VIEW CHANGE TRACKING ON [dbo].[Orders] TO [realmsync_connector]; (or to the connector's login) Then install again."));

    [Test]
    public void A_realm_first_path_takes_no_sql_first_table() =>
        Assert.That(SqlFirstPlanner.Plan("/small", [("dbo", "Orders")], [Orders], null, "realm-first").Refusals, Is.EqualTo(new[]
        {
            new SqlFirstRefusal("[dbo].[Orders]", "Realm path '/small' is mapped 'realm-first'; SQL-first tables need a path of their own: set SqlFirst.RealmPath to another path"),
        }));

    private static CatalogRow Property(string name, int ordinal, string realmType, bool optional, bool indexed, bool key, string sqlType) =>
        Row(CatalogRows.MappedProperty, ("ClassName", "Orders"), ("PropertyName", name), ("Ordinal", ordinal), ("RealmType", realmType), ("CollectionKind", "none"),
            ("IsOptional", optional), ("IsIndexed", indexed), ("IsPrimaryKey", key), ("ObjectType", null), ("LinkOriginProperty", null),
            ("SqlColumn", name), ("SqlTable", null), ("SqlType", sqlType), ("NameResolution", null));

    private static CatalogRow Row(string table, params (string Column, object? Value)[] values) =>
        new(table, [.. values.Select(v => KeyValuePair.Create(v.Column, v.Value))]);
}
