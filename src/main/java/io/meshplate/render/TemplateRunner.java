package io.meshplate.render;

import freemarker.core.ParseException;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateNotFoundException;
import io.meshplate.InvalidInputException;
import io.meshplate.IoFailure;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.TemplateOutputReader;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the templates of one overlay and turns their output into objects: FreeMarker errors and
 * output that is not a stream of Kubernetes objects become positioned problems naming the
 * template file.
 */
final class TemplateRunner {
  private final Workspace workspace;
  private final TemplateSet templates;
  private final Configuration configuration;
  private final Map<String, Template> loaded = new LinkedHashMap<>();

  /**
   * Loads (parses) every template once, with every template it includes or imports, and lints
   * them ({@link TemplateLint}); syntax errors and lint findings go to {@code problems}, and a
   * template with either is never run.
   */
  TemplateRunner(Workspace workspace, TemplateSet templates, List<Problem> problems) {
    this.workspace = workspace;
    this.templates = templates;
    this.configuration = EngineFactory.create(templates);
    Map<String, List<Problem>> linted = new HashMap<>();
    // A link among the templates fails the run (TemplateSet#refused), and FreeMarker would throw on
    // reading through it: nothing is loaded, so nothing renders.
    List<String> names = templates.refused().isEmpty() ? templates.all() : List.of();
    for (String name : names) {
      List<Problem> found = new ArrayList<>();
      Template template = load(name, name, found);
      if (template != null) {
        lint(template, linted, found);
      }
      if (found.isEmpty()) {
        loaded.put(name, template);
      }
      problems.addAll(found);
    }
  }

  private Template load(String name, String requestedBy, List<Problem> problems) {
    try {
      return configuration.getTemplate(name);
    } catch (ParseException e) {
      problems.add(new Problem(display(e.getTemplateName(), requestedBy), e.getLineNumber(),
          e.getColumnNumber(), "TEMPLATE-SYNTAX", oneLine(e.getEditorMessage()),
          "fix the FreeMarker syntax of the template"));
    } catch (TemplateNotFoundException e) {
      problems.add(new Problem(display(requestedBy, requestedBy), 0, 0, "TEMPLATE-SYNTAX",
          "includes or imports " + Messages.escape(name) + ", which no template folder has",
          "fix the name, or add the template"));
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, display(name, name), "cannot read the template", e);
    }
    return null;
  }

  /** Lints {@code template} and, once each, every template it loads by literal name. */
  private void lint(Template template, Map<String, List<Problem>> linted, List<Problem> problems) {
    List<Problem> known = linted.get(template.getName());
    if (known != null) {
      problems.addAll(known);
      return;
    }
    List<Problem> found = new ArrayList<>();
    linted.put(template.getName(), found);
    TemplateLint.Result result = TemplateLint.check(template, display(template.getSourceName(), template.getName()));
    found.addAll(result.problems());
    for (String load : result.loads()) {
      String name = resolve(template.getName(), load);
      Template loadedTemplate = load(name, template.getName(), found);
      if (loadedTemplate != null) {
        lint(loadedTemplate, linted, found);
      }
    }
    problems.addAll(found);
  }

  /** A template name as FreeMarker resolves it: absolute from the roots, else next to {@code from}. */
  private static String resolve(String from, String name) {
    if (name.startsWith("/")) {
      return name.substring(1);
    }
    int slash = from.lastIndexOf('/');
    return Path.of(slash < 0 ? "" : from.substring(0, slash)).resolve(name).normalize()
        .toString().replace('\\', '/');
  }

  /**
   * The objects one template renders for a model, sorted by {@link ObjectKey}; empty when the
   * template failed (the problem is added to {@code problems}) or produced nothing. Safe to call
   * from several threads at once.
   */
  List<Map<String, Object>> run(String name, Map<String, Object> model, String context, List<Problem> problems) {
    String text = text(name, model, context, problems);
    return text == null ? List.of() : objects(name, text, context, problems);
  }

  /** What one template prints for a model; null when it failed (the problem is added). */
  String text(String name, Map<String, Object> model, String context, List<Problem> problems) {
    Template template = loaded.get(name);
    if (template == null) {
      return null;
    }
    StringWriter out = new StringWriter(2048);
    try {
      template.process(model, out);
    } catch (TemplateException e) {
      problems.add(new Problem(display(e.getTemplateSourceName(), name), line(e.getLineNumber()),
          line(e.getColumnNumber()), "TEMPLATE-ERROR",
          oneLine(e.getMessageWithoutStackTop()) + " (" + context + ")",
          "fix the template or the value it reads; run with --stacktrace for the FreeMarker trace"));
      return null;
    } catch (IOException e) {
      throw IoFailure.of(IoFailure.READ, display(name, name), "cannot render the template", e);
    }
    return out.toString();
  }

  /**
   * Parses a template's output: with the fast reader of the block YAML templates print, or, for
   * anything outside it, the strict reader without positions; only output that is not a stream
   * of objects is read again with positions, to say where.
   */
  private List<Map<String, Object>> objects(String name, String text, String context, List<Problem> problems) {
    String file = display(name, name);
    List<Object> roots;
    try {
      roots = TemplateOutputReader.readRoots(file, text, YamlLimits.PLATFORM);
    } catch (InvalidInputException unpositioned) {
      List<Problem> found = unpositioned.problems();
      try {
        StrictYaml.readAll(file, text, YamlLimits.PLATFORM, true);
      } catch (InvalidInputException positioned) {
        found = positioned.problems();
      }
      for (Problem p : found) {
        problems.add(new Problem(file, 0, 0, "TEMPLATE-INVALID-YAML",
            "output is not valid YAML at output line " + p.line() + ", column " + p.column() + ": "
                + p.message() + " (" + context + ")",
            "build each scalar in one ${...} expression; never put ${...} inside quotes or next to text"));
      }
      return List.of();
    }
    List<Map<String, Object>> objects = new ArrayList<>(roots.size());
    for (int i = 0; i < roots.size(); i++) {
      if (!(roots.get(i) instanceof Map<?, ?> root)
          || !(root.get("apiVersion") instanceof String)
          || !(root.get("kind") instanceof String)
          || !(root.get("metadata") instanceof Map<?, ?> metadata)
          || !(metadata.get("name") instanceof String)) {
        int line = StrictYaml.readAll(file, text, YamlLimits.PLATFORM, true).get(i).positions().value("").line();
        problems.add(new Problem(file, 0, 0, "TEMPLATE-NOT-OBJECT",
            "output document at output line " + line + " is not a Kubernetes object with apiVersion, kind and metadata.name ("
                + context + ")",
            "every document a template prints must be one object"));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> object = (Map<String, Object>) roots.get(i);
      objects.add(object);
    }
    ObjectKey.sort(objects);
    return objects;
  }

  private String display(String sourceName, String fallback) {
    return templates.display(workspace, sourceName != null ? sourceName : fallback);
  }

  private static int line(Integer number) {
    return number == null ? 0 : number;
  }

  private static String oneLine(String message) {
    String text = message == null ? "template failed" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    if (text.length() > 400) {
      text = text.substring(0, 400) + "...";
    }
    return Messages.escape(text);
  }
}
