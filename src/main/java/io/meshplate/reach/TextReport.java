package io.meshplate.reach;

import java.util.List;
import java.util.Locale;

/** The flow table for a terminal; with {@code detail}, every layer's answer under each flow. */
final class TextReport {
  private TextReport() {}

  static String render(Report report, boolean detail) {
    StringBuilder out = new StringBuilder();
    for (String overlay : report.overlays()) {
      List<Flow> flows = report.flows().stream().filter(f -> f.overlay().equals(overlay))
          .filter(f -> detail || f.verdict() != Verdict.DENIED).toList();
      long allowed = flows.stream().filter(f -> f.verdict() == Verdict.ALLOWED).count();
      long undeclared = flows.stream().filter(f -> !f.undeclared().isEmpty()).count();
      out.append(String.format(Locale.ROOT, "%s: %d flows allowed (%d undeclared), %d unknown%s%n", overlay, allowed,
          undeclared, flows.stream().filter(f -> f.verdict() == Verdict.UNKNOWN).count(),
          detail ? ", " + flows.stream().filter(f -> f.verdict() == Verdict.DENIED).count() + " denied" : ""));
      // Appended rather than formatted: a table of 1,000 tenants has some 100,000 lines.
      for (Flow f : flows) {
        padded(out.append("  "), f.verdict().name().toLowerCase(Locale.ROOT), 8).append(' ').append(f.title())
            .append("  ").append(requests(f))
            .append(f.undeclared().isEmpty() ? "" : "  [UNDECLARED: " + join(f.undeclared()) + "]")
            .append(f.blocked().isEmpty() ? "" : "  [declared, blocked: " + join(f.blocked()) + "]")
            .append(NEWLINE);
        if (detail) {
          for (Step s : f.steps()) {
            padded(padded(out.append("      "), s.layer().title(), 26).append(' '), s.outcome(), 7).append(' ')
                .append(s.detail())
                .append(s.objects().isEmpty() ? "" : "  " + String.join(", ", s.objects().stream().map(Origin::location)
                    .distinct().toList()))
                .append(NEWLINE);
          }
        }
      }
    }
    return out.toString();
  }

  private static final String NEWLINE = System.lineSeparator();

  /** {@code text} left-aligned in {@code width} columns, as {@code %-<width>s} writes it. */
  private static StringBuilder padded(StringBuilder out, String text, int width) {
    out.append(text);
    for (int i = text.length(); i < width; i++) {
      out.append(' ');
    }
    return out;
  }

  static String requests(Flow f) {
    if (f.verdict() == Verdict.ALLOWED) {
      return join(f.requests()) + (f.transport() == null ? "" : " (" + f.transport() + ")");
    }
    if (f.verdict() == Verdict.UNKNOWN) {
      return "maybe " + join(f.unknown());
    }
    return "nothing passes";
  }

  static String join(List<Requests> requests) {
    return String.join("; ", requests.stream().map(Requests::display).toList());
  }
}
