namespace Connector.Journal;

/// <summary>
/// Keeps every journal path inside the journal root. A path is refused when its full form is not below the
/// root, or when any existing component on the way to it is a symbolic link whose final target is not.
/// </summary>
internal sealed class JournalRootGuard
{
    // A chain of links that point into the root through further links is followed this far, then refused.
    private const int MaxLinkDepth = 8;

    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly string[] roots;

    public JournalRootGuard(string root)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        // The root itself may be a link (an administrator's choice): its target counts as inside too.
        var target = Directory.Exists(Root) ? new DirectoryInfo(Root).ResolveLinkTarget(returnFinalTarget: true) : null;
        roots = target is null ? [Root] : [Root, Path.TrimEndingDirectorySeparator(target.FullName)];
    }

    public string Root { get; }

    public string EnsureInside(string path)
    {
        var full = Path.GetFullPath(path, Root);
        return Escapes(full) is { } problem
            ? throw new JournalException($"'{path}' is refused: {problem}. The journal may only use paths inside realm.journalPath ('{Root}'); remove the offending name or link.")
            : full;
    }

    /// <summary>Why <paramref name="path"/> leaves the root, or null when it stays inside.</summary>
    public string? Escapes(string path) => Escapes(Path.GetFullPath(path, Root), MaxLinkDepth);

    private string? Escapes(string full, int depth)
    {
        var root = roots.FirstOrDefault(r => IsBelowOrSame(full, r));
        if (root is null)
        {
            return "it is outside the journal root";
        }
        // Walk down from the root, one existing component at a time, resolving links as they come.
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists || info.LinkTarget is null)
            {
                continue;
            }
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || depth == 0 || Escapes(Path.GetFullPath(target.FullName), depth - 1) is not null)
            {
                return $"'{current}' is a symbolic link to '{target?.FullName ?? info.LinkTarget}', outside the journal root";
            }
        }
        return null;
    }

    private static bool IsBelowOrSame(string full, string root) =>
        full.Equals(root, PathComparison)
        || (full.StartsWith(root, PathComparison)
            && (Path.EndsInDirectorySeparator(root) || full[root.Length] == Path.DirectorySeparatorChar));
}
