package io.meshplate.reach;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The flow table for a terminal; with {@code detail}, every layer's answer under each flow. */
final class TextReport {
  private TextReport() {}

  /** Flows per part of the table formatted on a core of its own. */
  private static final int CHUNK = 2048;

  /**
   * Writes the table in UTF-8: each overlay's heading, then its flows, in the report's order. The
   * flows are counted, formatted and encoded a part at a time on every core (a table of 1,000
   * tenants has some 100,000 lines, 7.8 MB), so this thread only writes bytes: grouping them here
   * first, one flow at a time, was a sixth of the time between the last overlay's judgement and
   * the end of the table, and copying the text to characters and encoding it here was most of
   * what was left.
   */
  static void write(Report report, boolean detail, OutputStream out) throws IOException {
    List<Flow> flows = report.flows();
    List<List<Flow>> parts = new ArrayList<>();
    for (int from = 0; from < flows.size(); from += CHUNK) {
      parts.add(flows.subList(from, Math.min(flows.size(), from + CHUNK)));
    }
    List<Map<String, Part>> formatted = parts.parallelStream().map(part -> format(part, detail)).toList();
    for (String overlay : report.overlays()) {
      long allowed = 0;
      long undeclared = 0;
      long unknown = 0;
      long denied = 0;
      for (Map<String, Part> part : formatted) {
        Part p = part.get(overlay);
        if (p != null) {
          allowed += p.allowed;
          undeclared += p.undeclared;
          unknown += p.unknown;
          denied += p.denied;
        }
      }
      out.write((overlay + ": " + allowed + " flows allowed (" + undeclared + " undeclared), " + unknown + " unknown"
          + (detail ? ", " + denied + " denied" : "") + NEWLINE).getBytes(StandardCharsets.UTF_8));
      for (Map<String, Part> part : formatted) {
        Part p = part.get(overlay);
        if (p != null) {
          out.write(p.encoded);
        }
      }
    }
  }

  /** One overlay's flows within a part of the table: their counts and their lines, then their bytes. */
  private static final class Part {
    StringBuilder lines;
    byte[] encoded;
    long allowed;
    long undeclared;
    long unknown;
    long denied;

    Part(int flows) {
      lines = new StringBuilder(flows * 128);
    }

    /** The lines in UTF-8, once every flow is in; the builder is let go. */
    void encode() {
      encoded = lines.toString().getBytes(StandardCharsets.UTF_8);
      lines = null;
    }
  }

  /**
   * The counts and lines of {@code flows} per overlay, in their order; denied flows are counted
   * and printed only with {@code detail}.
   */
  private static Map<String, Part> format(List<Flow> flows, boolean detail) {
    Map<String, Part> parts = new HashMap<>();
    for (Flow f : flows) {
      if (!detail && f.verdict() == Verdict.DENIED) {
        continue;
      }
      Part part = parts.computeIfAbsent(f.overlay(), overlay -> new Part(flows.size()));
      switch (f.verdict()) {
        case ALLOWED -> part.allowed++;
        case UNKNOWN -> part.unknown++;
        case DENIED -> part.denied++;
      }
      part.undeclared += f.undeclared().isEmpty() ? 0 : 1;
      line(part.lines, f, detail);
    }
    parts.values().forEach(Part::encode);
    return parts;
  }

  /** Each verdict as the table's first column prints it: lower case, padded to 8 columns. */
  private static final String[] VERDICT_COLUMN = new String[Verdict.values().length];

  static {
    for (Verdict v : Verdict.values()) {
      VERDICT_COLUMN[v.ordinal()] = padded(new StringBuilder(), v.name().toLowerCase(Locale.ROOT), 8).toString();
    }
  }

  /** The table's line of {@code f}, and with {@code detail} every layer's answer under it. */
  private static void line(StringBuilder out, Flow f, boolean detail) {
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
