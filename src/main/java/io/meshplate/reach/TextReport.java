package io.meshplate.reach;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The flow table for a terminal; with {@code detail}, every layer's answer under each flow. */
final class TextReport {
  private TextReport() {}

  /** Flows per part of the table formatted on a core of its own. */
  private static final int CHUNK = 2048;

  /**
   * Writes the table: each overlay's heading, then its flows, formatted a part at a time on every
   * core (a table of 1,000 tenants has some 100,000 lines) and written in order.
   */
  static void write(Report report, boolean detail, Writer out) throws IOException {
    Map<String, List<Flow>> byOverlay = new LinkedHashMap<>();
    report.overlays().forEach(overlay -> byOverlay.put(overlay, new ArrayList<>()));
    for (Flow f : report.flows()) {
      List<Flow> flows = byOverlay.get(f.overlay());
      if (flows != null && (detail || f.verdict() != Verdict.DENIED)) {
        flows.add(f);
      }
    }
    for (Map.Entry<String, List<Flow>> e : byOverlay.entrySet()) {
      List<Flow> flows = e.getValue();
      Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
      long undeclared = 0;
      for (Flow f : flows) {
        counts.merge(f.verdict(), 1L, Long::sum);
        undeclared += f.undeclared().isEmpty() ? 0 : 1;
      }
      out.write(String.format(Locale.ROOT, "%s: %d flows allowed (%d undeclared), %d unknown%s%n", e.getKey(),
          counts.getOrDefault(Verdict.ALLOWED, 0L), undeclared, counts.getOrDefault(Verdict.UNKNOWN, 0L),
          detail ? ", " + counts.getOrDefault(Verdict.DENIED, 0L) + " denied" : ""));
      List<List<Flow>> parts = new ArrayList<>();
      for (int from = 0; from < flows.size(); from += CHUNK) {
        parts.add(flows.subList(from, Math.min(flows.size(), from + CHUNK)));
      }
      for (String part : parts.parallelStream().map(part -> lines(part, detail)).toList()) {
        out.write(part);
      }
    }
  }

  /** Each verdict as the table's first column prints it: lower case, padded to 8 columns. */
  private static final String[] VERDICT_COLUMN = new String[Verdict.values().length];

  static {
    for (Verdict v : Verdict.values()) {
      VERDICT_COLUMN[v.ordinal()] = padded(new StringBuilder(), v.name().toLowerCase(Locale.ROOT), 8).toString();
    }
  }

  /**
   * The table's lines of {@code flows}, every part appended to one buffer rather than formatted
   * or joined on its own: this is most of a run's output, some 100,000 lines.
   */
  private static String lines(List<Flow> flows, boolean detail) {
    StringBuilder out = new StringBuilder(flows.size() * 128);
    for (Flow f : flows) {
      f.title(out.append("  ").append(VERDICT_COLUMN[f.verdict().ordinal()]).append(' ')).append("  ");
      requests(out, f);
      if (!f.undeclared().isEmpty()) {
        join(out.append("  [UNDECLARED: "), f.undeclared()).append(']');
      }
      if (!f.blocked().isEmpty()) {
        join(out.append("  [declared, blocked: "), f.blocked()).append(']');
      }
      out.append(NEWLINE);
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
    return requests(new StringBuilder(), f).toString();
  }

  /** What passes, as the table's last column says it. */
  private static StringBuilder requests(StringBuilder out, Flow f) {
    if (f.verdict() == Verdict.ALLOWED) {
      join(out, f.requests());
      return f.transport() == null ? out : out.append(" (").append(f.transport()).append(')');
    }
    if (f.verdict() == Verdict.UNKNOWN) {
      return join(out.append("maybe "), f.unknown());
    }
    return out.append("nothing passes");
  }

  static String join(List<Requests> requests) {
    return join(new StringBuilder(), requests).toString();
  }

  private static StringBuilder join(StringBuilder out, List<Requests> requests) {
    for (int i = 0; i < requests.size(); i++) {
      (i == 0 ? out : out.append("; ")).append(requests.get(i).display());
    }
    return out;
  }
}
