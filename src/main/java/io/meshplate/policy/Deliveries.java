package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.manifest.Bundles;
import io.meshplate.yaml.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rendered Applications and ApplicationSets make Argo CD do, worked out the way Argo CD
 * does it: each Application syncs the folder of its source path; an ApplicationSet's git
 * directory generator matches its paths against the rendered folders (Go path.Match, excludes
 * win) and fills the template's {@code {{path}}}, {@code {{path.basename}}} and
 * {@code {{path[n]}}} for each (argo-cd docs/operator-manual/applicationset/Generators-Git.md).
 * Anything else (another generator, Go templates, several sources, a path outside
 * {@code output/}) cannot be checked and is itself a problem: every delivery must be provable.
 */
final class Deliveries {
  /**
   * One folder synced by one Application (or one Application an ApplicationSet generates).
   *
   * @param by the Application or ApplicationSet
   * @param name the Application's name
   * @param folder the synced folder, relative to {@code output/} ({@code prod/tenants/payments})
   */
  record Delivery(PlacedObject by, String name, String folder, String project, String repoURL,
      String server, String namespace) {}

  static final String RULE = "INV-ARGOCD-HUB";
  private static final Pattern PARAMETER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
  private static final Pattern SEGMENT = Pattern.compile("path\\[\\d+]");

  final List<Delivery> all = new ArrayList<>();
  final List<Problem> unprovable = new ArrayList<>();
  /** Every folder holding a rendered file, relative to {@code output/}. */
  final SortedSet<String> folders = new TreeSet<>();

  Deliveries(TreeView objects) {
    folders.addAll(objects.folders);
    for (PlacedObject placed : objects.all) {
      if (placed.is("argoproj.io", "Application")) {
        application(placed, objects.site(placed.file().overlay()));
      } else if (placed.is("argoproj.io", "ApplicationSet")) {
        applicationSet(placed, objects.site(placed.file().overlay()));
      }
    }
  }

  private void application(PlacedObject placed, ArgoCdSite site) {
    Map<?, ?> spec = placed.spec();
    if (PlacedObject.Fields.has(spec, "sources")) {
      unprovable.add(placed.problem(RULE, "has several sources, which meshplate does not evaluate", "sync one folder per Application"));
      return;
    }
    Map<?, ?> source = PlacedObject.Fields.map(spec, "source");
    String folder = folderOf(placed, site, PlacedObject.Fields.text(source, "path"));
    if (folder == null) {
      return;
    }
    if (!folders.contains(folder)) {
      unprovable.add(placed.problem(RULE, "syncs " + Messages.escape(site.outputPath() + "/" + folder)
          + ", a folder meshplate does not render", "point source.path at a rendered folder"));
      return;
    }
    Map<?, ?> destination = PlacedObject.Fields.map(spec, "destination");
    all.add(new Delivery(placed, placed.key().name(), folder, text(spec, "project"), text(source, "repoURL"),
        server(destination), text(destination, "namespace")));
  }

  private void applicationSet(PlacedObject placed, ArgoCdSite site) {
    Map<?, ?> spec = placed.spec();
    if (Boolean.TRUE.equals(spec.get("goTemplate"))) {
      unprovable.add(placed.problem(RULE, "uses Go templates, which meshplate does not evaluate", "use the default {{path}} parameters"));
      return;
    }
    List<String> include = new ArrayList<>();
    List<String> exclude = new ArrayList<>();
    for (Object generator : PlacedObject.Fields.list(spec, "generators")) {
      Map<?, ?> git = PlacedObject.Fields.map(generator, "git");
      if (!(generator instanceof Map<?, ?> g) || g.size() != 1 || git.isEmpty() || !PlacedObject.Fields.has(git, "directories")) {
        unprovable.add(placed.problem(RULE, "has a generator other than a git directory generator, which meshplate does not evaluate",
            "discover rendered folders with git directories"));
        return;
      }
      for (Object directory : PlacedObject.Fields.list(git, "directories")) {
        String pattern = folderOf(placed, site, PlacedObject.Fields.text(directory, "path"));
        if (pattern == null) {
          return;
        }
        (Boolean.TRUE.equals(((Map<?, ?>) directory).get("exclude")) ? exclude : include).add(pattern);
      }
    }
    Map<?, ?> template = PlacedObject.Fields.map(PlacedObject.Fields.map(spec, "template"), "spec");
    String nameTemplate = text(PlacedObject.Fields.map(PlacedObject.Fields.map(spec, "template"), "metadata"), "name");
    for (String folder : folders) {
      if (include.stream().noneMatch(p -> Globs.matchesPath(p, folder))
          || exclude.stream().anyMatch(p -> Globs.matchesPath(p, folder))) {
        continue;
      }
      String path = site.outputPath() + "/" + folder;
      Map<?, ?> source = PlacedObject.Fields.map(template, "source");
      Map<?, ?> destination = PlacedObject.Fields.map(template, "destination");
      try {
        String sourcePath = fill(text(source, "path"), path);
        if (!sourcePath.equals(path)) {
          unprovable.add(placed.problem(RULE, "generates an Application for " + Messages.escape(path)
              + " that syncs " + Messages.escape(sourcePath), "set the template's source.path to {{path}}"));
          continue;
        }
        all.add(new Delivery(placed, fill(nameTemplate, path), folder, fill(text(template, "project"), path),
            fill(text(source, "repoURL"), path), fill(server(destination), path), fill(text(destination, "namespace"), path)));
      } catch (IllegalArgumentException e) {
        unprovable.add(placed.problem(RULE, e.getMessage(), "use {{path}}, {{path.basename}} or {{path[n]}}"));
        return;
      }
    }
  }

  /** The folder a repository path names, relative to output/; null (with a problem) outside it. */
  private String folderOf(PlacedObject placed, ArgoCdSite site, String path) {
    String prefix = site.outputPath() + "/";
    if (path == null || !path.startsWith(prefix)) {
      unprovable.add(placed.problem(RULE, "syncs " + Messages.escape(String.valueOf(path)) + ", outside "
          + Messages.escape(prefix), "Argo CD objects must sync folders meshplate renders"));
      return null;
    }
    return path.substring(prefix.length()).replaceAll("/+$", "");
  }

  /** A template value with the git directory generator's parameters of {@code path} filled in. */
  static String fill(String value, String path) {
    String[] segments = path.split("/");
    Matcher m = PARAMETER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String parameter = m.group(1);
      String replacement;
      if (parameter.equals("path")) {
        replacement = path;
      } else if (parameter.equals("path.basename")) {
        replacement = segments[segments.length - 1];
      } else if (SEGMENT.matcher(parameter).matches() && Integer.parseInt(parameter.substring(5, parameter.length() - 1)) < segments.length) {
        replacement = segments[Integer.parseInt(parameter.substring(5, parameter.length() - 1))];
      } else {
        throw new IllegalArgumentException("uses the template parameter {{" + Messages.escape(parameter)
            + "}}, which meshplate does not evaluate for " + Messages.escape(path));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String server(Map<?, ?> destination) {
    String server = text(destination, "server");
    return server.isEmpty() && ArgoCdSite.IN_CLUSTER_NAME.equals(text(destination, "name")) ? ArgoCdSite.IN_CLUSTER : server;
  }

  private static String text(Object parent, String field) {
    String value = PlacedObject.Fields.text(parent, field);
    return value == null ? "" : value;
  }
}
