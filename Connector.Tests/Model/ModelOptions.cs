namespace Connector.Tests.Model;

/// <summary>What the model does with the one object of a class whose optional primary key is null.</summary>
public enum NullKeys
{
    /// <summary>As the SQL Server applier does (<c>Connector/Applier/NullKeyRefusals.cs</c>): the object and the instructions naming it are left out.</summary>
    Refuse,

    /// <summary>As Realm does: the object is stored under the identity null (a database that can tell it from "no link").</summary>
    Store,
}

/// <summary>What a delete or an identity change does to links held inside mixed values.</summary>
public enum MixedLinks
{
    /// <summary>
    /// As Realm core does: a mixed property, a list-of-mixed element or a dictionary value linking to a deleted object
    /// becomes null (a set-of-mixed element is removed), at any depth of nested collections; an identity change moves them.
    /// </summary>
    Follow,

    /// <summary>As the SQL Server applier does today (README, Known limitations): links inside mixed are left as they are.</summary>
    Keep,

    /// <summary>
    /// <see cref="Keep"/>, and a mixed value may arrive holding a link to an object that no longer exists: what the
    /// database kept and sends back when the row or collection holding it changes in SQL (the Realm side of the two-way
    /// tests; Realm keeps such a link unresolved).
    /// </summary>
    KeepUnresolved,
}

/// <summary>The choices where the databases differ from Realm; the defaults are Realm's.</summary>
public sealed record ModelOptions(NullKeys NullKeys = NullKeys.Store, MixedLinks MixedLinks = MixedLinks.Follow, ValueLimits? Values = null)
{
    public static ModelOptions Realm { get; } = new();

    /// <summary>What the SQL Server applier does now.</summary>
    public static ModelOptions SqlServer { get; } = new(NullKeys.Refuse, MixedLinks.Keep, ValueLimits.SqlServer);

    /// <summary>What the PostgreSQL applier must do: the same planner as SQL Server, PostgreSQL's value limits.</summary>
    public static ModelOptions Postgres { get; } = new(NullKeys.Refuse, MixedLinks.Keep, ValueLimits.Postgres);

    /// <summary>The values the database cannot hold; none for Realm.</summary>
    public ValueLimits Limits => Values ?? ValueLimits.None;
}
