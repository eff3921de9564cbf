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
      for (Flow f : flows) {
        out.append(String.format(Locale.ROOT, "  %-8s %s  %s%s%s%n", f.verdict().name().toLowerCase(Locale.ROOT),
            f.title(), requests(f), f.undeclared().isEmpty() ? "" : "  [UNDECLARED: " + join(f.undeclared()) + "]",
            f.blocked().isEmpty() ? "" : "  [declared, blocked: " + join(f.blocked()) + "]"));
        if (detail) {
          for (Step s : f.steps()) {
            out.append(String.format(Locale.ROOT, "      %-26s %-7s %s%s%n", s.layer().title(), s.outcome(), s.detail(),
                s.objects().isEmpty() ? "" : "  " + String.join(", ", s.objects().stream().map(Origin::location)
                    .distinct().toList())));
          }
        }
      }
    }
    return out.toString();
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
