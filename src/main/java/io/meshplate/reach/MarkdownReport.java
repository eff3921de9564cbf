package io.meshplate.reach;

import io.meshplate.Problem;
import java.util.List;
import java.util.Locale;

/** The flow table as Markdown (a PR comment, a wiki page). */
final class MarkdownReport {
  private MarkdownReport() {}

  static String render(Report report, boolean detail) {
    StringBuilder out = new StringBuilder("## meshplate reach\n\n");
    problems(out, "Undeclared flows (exit 4 with --check)", report.errors());
    problems(out, "Warnings", report.warnings());
    for (String overlay : report.overlays()) {
      List<Flow> flows = report.flows().stream().filter(f -> f.overlay().equals(overlay))
          .filter(f -> detail || f.verdict() != Verdict.DENIED).toList();
      out.append("### ").append(overlay).append("\n\n");
      if (flows.isEmpty()) {
        out.append("No flow matches.\n\n");
        continue;
      }
      out.append("| verdict | flow | requests | transport | declared | decided by |\n");
      out.append("| --- | --- | --- | --- | --- | --- |\n");
      for (Flow f : flows) {
        out.append("| ").append(f.verdict().name().toLowerCase(Locale.ROOT))
            .append(" | `").append(cell(f.title())).append("` | ").append(cell(TextReport.requests(f)))
            .append(" | ").append(cell(f.transport() == null ? "" : f.transport()))
            .append(" | ").append(!f.undeclared().isEmpty() ? "**no**" : f.declared() ? "yes" : "")
            .append(" | ").append(cell(decidedBy(f))).append(" |\n");
      }
      out.append('\n');
      if (detail) {
        for (Flow f : flows) {
          out.append("<details><summary><code>").append(html(f.title())).append("</code> ")
              .append(f.verdict().name().toLowerCase(Locale.ROOT)).append("</summary>\n\n");
          out.append("| layer | answer | why | objects |\n| --- | --- | --- | --- |\n");
          for (Step s : f.steps()) {
            out.append("| ").append(s.layer().title()).append(" | ").append(s.outcome()).append(" | ")
                .append(cell(s.detail())).append(" | ")
                .append(cell(String.join(", ", s.objects().stream().map(Origin::location).distinct().toList())))
                .append(" |\n");
          }
          out.append("\n</details>\n\n");
        }
      }
    }
    return out.toString();
  }

  /** The objects of the layers that decided: the allowing ones of an allowed flow, else the blocking ones. */
  static String decidedBy(Flow f) {
    String wanted = f.verdict() == Verdict.ALLOWED ? "allow" : f.verdict() == Verdict.DENIED ? "deny" : "unknown";
    return String.join(", ", f.steps().stream().filter(s -> s.outcome().equals(wanted))
        .flatMap(s -> s.objects().stream()).map(Origin::location).distinct().toList());
  }

  private static void problems(StringBuilder out, String title, List<Problem> problems) {
    if (problems.isEmpty()) {
      return;
    }
    out.append("**").append(title).append(":**\n\n");
    for (Problem p : problems) {
      out.append("- `").append(cell(p.format())).append("`\n");
    }
    out.append('\n');
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ").replace("`", "'");
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
