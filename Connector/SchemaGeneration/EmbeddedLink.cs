namespace Connector.SchemaGeneration;

/// <summary>
/// A link, list or dictionary of <see cref="Owner"/> that holds embedded objects of
/// <see cref="EmbeddedDescendants.Classes"/>[<see cref="Target"/>]. <see cref="OwnerIndex"/> is the owner's place in
/// <see cref="EmbeddedDescendants.Classes"/>, or null for the root (the objects being deleted).
/// </summary>
public sealed record EmbeddedLink(ClassMapping Owner, int? OwnerIndex, PropertyMapping Property, int Target);
