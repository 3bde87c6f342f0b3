using System.Xml.Linq;

namespace Hotline.Core.Tests.Architecture;

/// <summary>
/// The dependency rule between the projects under src/ (README, "Layout"): Bot → Screening, Core; Triage → Screening,
/// Core; Operator → Core; web services also → ServiceDefaults; nothing → Bot or Operator; no web framework below them.
/// </summary>
public sealed class ProjectReferencesTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Core"] = [],
        ["Screening"] = ["Core"],
        ["ServiceDefaults"] = ["Core"],
        ["Triage"] = ["Core", "Screening"],
        ["Bot"] = ["Core", "Screening", "ServiceDefaults"],
        ["Operator"] = ["Core", "ServiceDefaults"],
    };

    [Fact]
    public void Every_project_under_src_references_only_what_the_dependency_rule_allows()
    {
        var projects = SourceProjects();
        Assert.Equal(Allowed.Keys.Order(), projects.Keys.Order());
        foreach (var (name, project) in projects)
        {
            Assert.True(Allowed[name].ToHashSet().SetEquals(References(project)),
                $"{name} references [{string.Join(", ", References(project))}], the rule allows [{string.Join(", ", Allowed[name])}]");
        }
    }

    [Theory]
    [InlineData("Core")]
    [InlineData("Screening")]
    [InlineData("Triage")]
    public void A_library_or_worker_loads_no_web_framework(string name)
    {
        var project = SourceProjects()[name];
        Assert.Equal("Microsoft.NET.Sdk", project.Root!.Attribute("Sdk")?.Value);
        Assert.DoesNotContain(project.Descendants("FrameworkReference"), r => r.Attribute("Include")?.Value == "Microsoft.AspNetCore.App");
    }

    private static Dictionary<string, XDocument> SourceProjects() =>
        Directory.GetDirectories(RepoPaths.Combine("src"))
            .SelectMany(dir => Directory.GetFiles(dir, "Hotline.*.csproj"))
            .ToDictionary(path => Path.GetFileNameWithoutExtension(path)["Hotline.".Length..], path => XDocument.Load(path));

    private static IEnumerable<string> References(XDocument project) =>
        project.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))["Hotline.".Length..]);
}
