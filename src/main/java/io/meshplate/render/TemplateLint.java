package io.meshplate.render;

import freemarker.core.TemplateElement;
import freemarker.template.Template;
import io.meshplate.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, when templates load and before any of them runs, the FreeMarker features that would
 * let a template escape the sandbox of DESIGN §4: evaluating text as FTL or expressions
 * ({@code ?eval}, {@code ?eval_json}, {@code ?interpret}), printing without escaping
 * ({@code ?no_esc}, {@code <#noautoesc>}, {@code <#outputformat>}, an {@code <#ftl>} header that
 * turns auto-escaping off; all allowed only in {@code templates/lib/yaml.ftl}, whose typed
 * scalars need it), and loading templates by a computed name ({@code <#include x>},
 * {@code <#import x as y>}, {@code .get_optional_template}), which would make the set of
 * templates depend on data. {@code ?new} and {@code ?api} are off in the engine itself.
 *
 * <p>The check walks FreeMarker's parsed tree, so comments, whitespace inside expressions
 * ({@code x ? eval}), the square-bracket syntax and camel-case names ({@code ?noEsc}) cannot hide
 * a use; static text is not looked at. A built-in name inside a string literal is refused too:
 * the check errs on the safe side.
 */
final class TemplateLint {
  /** The one file allowed to print unescaped (see its header). */
  static final String ESCAPE_LIBRARY = "templates/lib/yaml.ftl";

  private static final Pattern EVAL = Pattern.compile("\\?\\s*(eval_json|evalJson|eval|interpret)\\b");
  private static final Pattern NO_ESC = Pattern.compile("\\?\\s*(no_esc|noEsc)\\b");
  private static final Pattern OPTIONAL_TEMPLATE = Pattern.compile("\\.\\s*(get_optional_template|getOptionalTemplate)\\b");
  private static final Pattern LITERAL_LOAD = Pattern.compile(
      "^<#(?:include|import) (?:r\"[^\"]*\"|r'[^']*'|\"(?:[^\"\\\\$#]|\\\\.)*\"|'(?:[^'\\\\$#]|\\\\.)*')"
          + "(?:/?>| as | [A-Za-z_]+ ?=)");
  private static final Pattern LOADED_NAME = Pattern.compile("^<#(?:include|import) r?[\"']([^\"']*)[\"']");

  private TemplateLint() {}

  /** What one lint found: the problems, and the literal names the template includes or imports. */
  record Result(List<Problem> problems, List<String> loads) {}

  /**
   * @param file the template's file as shown in problems ({@code templates/base/tenant/x.yaml.ftl})
   */
  @SuppressWarnings("deprecation") // getRootTreeNode: FreeMarker's own parsed tree, the only public view of it
  static Result check(Template template, String file) {
    List<Problem> problems = new ArrayList<>();
    List<String> loads = new ArrayList<>();
    boolean escapeLibrary = file.equals(ESCAPE_LIBRARY);
    if (!escapeLibrary && (!template.getAutoEscaping() || template.getOutputFormat() != YamlOutputFormat.INSTANCE)) {
      problems.add(problem(file, 1, 1, "TEMPLATE-NO-ESC",
          "the <#ftl> header changes the output format or turns auto-escaping off",
          "remove output_format and auto_esc from <#ftl>: every ${...} must print an escaped YAML scalar"));
    }
    walk(template.getRootTreeNode(), file, escapeLibrary, problems, loads);
    return new Result(problems, loads);
  }

  private static void walk(TemplateElement element, String file, boolean escapeLibrary,
      List<Problem> problems, List<String> loads) {
    String node = element.getNodeName();
    int line = element.getBeginLine();
    int column = element.getBeginColumn();
    if (!node.equals("TextBlock") && !node.equals("Comment")) {
      String own = element.getCanonicalForm();
      List<String> children = new ArrayList<>();
      for (int i = 0; i < element.getChildCount(); i++) {
        children.add(((TemplateElement) element.getChildAt(i)).getCanonicalForm());
      }
      if (count(EVAL, own) > count(EVAL, children)) {
        problems.add(problem(file, line, column, "TEMPLATE-EVAL",
            "`?" + first(EVAL, own) + "` evaluates text as FreeMarker code",
            "build the value in the template itself; templates never evaluate text"));
      }
      if (!escapeLibrary && count(NO_ESC, own) > count(NO_ESC, children)) {
        problems.add(problem(file, line, column, "TEMPLATE-NO-ESC",
            "`?" + first(NO_ESC, own) + "` prints a value without YAML escaping",
            "use the typed scalars of " + ESCAPE_LIBRARY + " (y.int, y.num, y.bool), the only place ?no_esc is allowed"));
      }
      if (!escapeLibrary && (node.equals("NoAutoEscBlock") || node.equals("OutputFormatBlock"))) {
        problems.add(problem(file, line, column, "TEMPLATE-NO-ESC",
            "`" + own.substring(0, own.indexOf('>') + 1) + "` switches YAML auto-escaping off for its content",
            "remove it; every ${...} must print an escaped YAML scalar"));
      }
      if (count(OPTIONAL_TEMPLATE, own) > count(OPTIONAL_TEMPLATE, children)) {
        problems.add(problem(file, line, column, "TEMPLATE-DYNAMIC-INCLUDE",
            "`.get_optional_template` loads a template by a computed name",
            "include or import templates by a literal name"));
      }
      if (node.equals("Include") || node.equals("LibraryLoad")) {
        if (LITERAL_LOAD.matcher(own).find()) {
          Matcher name = LOADED_NAME.matcher(own);
          if (name.find()) {
            loads.add(name.group(1));
          }
        } else {
          problems.add(problem(file, line, column, "TEMPLATE-DYNAMIC-INCLUDE",
              "`" + own.substring(0, Math.min(own.length(), 80)) + "` loads a template by a computed name",
              "write the template name as a literal string, e.g. <#import \"/lib/yaml.ftl\" as y>"));
        }
      }
    }
    for (int i = 0; i < element.getChildCount(); i++) {
      walk((TemplateElement) element.getChildAt(i), file, escapeLibrary, problems, loads);
    }
  }

  private static int count(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static int count(Pattern pattern, List<String> texts) {
    return texts.stream().mapToInt(t -> count(pattern, t)).sum();
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : "";
  }

  private static Problem problem(String file, int line, int column, String rule, String message, String hint) {
    return new Problem(file, line, column, rule, message, hint);
  }
}
