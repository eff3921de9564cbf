package io.meshplate.reach;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * One self-contained HTML page: the report as JSON inside it and a small script that draws the
 * tenant/service graph of an overlay (flows as arrows, undeclared ones red), filters by tenant and
 * shows the deciding objects of a flow on click. Nothing is loaded from the network (its content
 * security policy forbids it), so the page works offline and as a CI artifact.
 */
final class HtmlReport {
  private static final String TEMPLATE = template();
  private static final String DATA = "@@DATA@@";

  private HtmlReport() {}

  /** Writes the page to {@code out}, the report's JSON streamed into it. */
  static void write(Report report, Writer out) {
    int data = TEMPLATE.indexOf(DATA);
    try {
      out.write(TEMPLATE, 0, data);
      JsonReport.writeCompact(report, new ScriptSafe(out));
      out.write(TEMPLATE, data + DATA.length(), TEMPLATE.length() - data - DATA.length());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Passes JSON on with each "<" written "\u003c": it occurs only inside JSON strings, where the
   * escape means the same, and so cannot end the script element.
   */
  private static final class ScriptSafe extends Writer {
    private final Writer out;

    ScriptSafe(Writer out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      int from = offset;
      for (int i = offset; i < offset + length; i++) {
        if (chars[i] == '<') {
          out.write(chars, from, i - from);
          out.write("\\u003c");
          from = i + 1;
        }
      }
      out.write(chars, from, offset + length - from);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() {
      // the page goes on after the data
    }
  }

  private static String template() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("/reach/report.html")) {
      if (in == null) {
        throw new IllegalStateException("reach/report.html is missing from the jar");
      }
      String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      if (page.indexOf(DATA) < 0 || page.indexOf(DATA) != page.lastIndexOf(DATA)) {
        throw new IllegalStateException("reach/report.html must hold " + DATA + " once");
      }
      return page;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
