using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Connector.Configuration;

/// <summary>
/// Walks the configuration against <see cref="ConnectorOptions"/> before binding, so that no key is silently
/// ignored (a misspelt key is an error, with the keys that exist) and a value that does not convert is
/// reported with the others instead of stopping the binder at the first one.
/// </summary>
public static class ConfigurationKeyChecker
{
    public static IReadOnlyList<string> Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var failures = new List<string>();
        foreach (var top in configuration.GetChildren())
        {
            if (string.Equals(top.Key, ConnectorOptions.SectionName, StringComparison.OrdinalIgnoreCase))
            {
                CheckObject(top, typeof(ConnectorOptions), failures);
            }
            else
            {
                failures.Add($"{top.Path} is not a configuration key: every setting lives under '{ConnectorOptions.SectionName}'; move or remove it.");
            }
        }

        return failures;
    }

    private static void CheckObject(IConfigurationSection section, Type type, List<string> failures)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var child in section.GetChildren())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                failures.Add($"{child.Path} is not a configuration key; correct its spelling or remove it " +
                    $"(the keys of {section.Path} are {string.Join(", ", properties.Select(p => p.Name))}).");
            }
            else
            {
                CheckValue(child, property.PropertyType, failures);
            }
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> failures)
    {
        var hasChildren = section.GetChildren().Any();
        if (type == typeof(IList<string>))
        {
            if (section.Value is { Length: > 0 })
            {
                failures.Add($"{section.Path} = '{section.Value}' must be a list: write it as [\"...\", \"...\"].");
            }

            foreach (var item in section.GetChildren().Where(i => i.GetChildren().Any() || !int.TryParse(i.Key, out _)))
            {
                failures.Add($"{item.Path} is not a list item: {section.Path} is a list of strings.");
            }
        }
        else if (type.Namespace == typeof(ConnectorOptions).Namespace && type.IsClass)
        {
            if (section.Value is { Length: > 0 })
            {
                failures.Add($"{section.Path} = '{section.Value}' must be a section of keys, not a value.");
            }

            CheckObject(section, type, failures);
        }
        else if (hasChildren)
        {
            failures.Add($"{section.Path} must be a single value ({Describe(type)}), not a section.");
        }
        else if (!Converts(section.Value, type))
        {
            failures.Add($"{section.Path} = '{section.Value}' is not {Describe(type)}.");
        }
    }

    private static bool Converts(string? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string) || (string.IsNullOrEmpty(value) && target != type))
        {
            return true;
        }

        try
        {
            return TypeDescriptor.GetConverter(target).ConvertFromString(null, CultureInfo.InvariantCulture, value ?? "") is not null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Describe(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(TimeSpan) => "a duration: write it as [d.]hh:mm:ss, such as '00:00:10'",
        var t when t == typeof(int) => "a whole number",
        var t when t == typeof(double) => "a number, such as 0.25",
        var t when t == typeof(bool) => "true or false",
        var t => "a " + t.Name,
    };
}
