package io.meshplate.reach;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One self-contained HTML page: the report as JSON inside it and a small script that draws the
 * tenant/service graph of an overlay (flows as arrows, undeclared ones red), filters by tenant and
 * shows the deciding objects of a flow on click. Nothing is loaded from the network (its content
 * security policy forbids it), so the page works offline and as a CI artifact.
 */
final class HtmlReport {
  private static final String DATA = "@@DATA@@";
  /** The page before the data and after it, as UTF-8. */
  private static final byte[][] PAGE = page();

  private HtmlReport() {}

  /** Writes the page to {@code out}, the report's JSON streamed into it. */
  static void write(Report report, OutputStream out) {
    try {
      out.write(PAGE[0]);
      JsonReport.writeCompact(report, new ScriptSafe(out));
      out.write(PAGE[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Passes JSON on with each "<" written "\u003c": it occurs only inside JSON strings, where the
   * escape means the same, and so cannot end the script element. In UTF-8 the byte of "<" is
   * never part of another character.
   */
  private static final class ScriptSafe extends OutputStream {
    private static final byte[] ESCAPED = "\\u003c".getBytes(StandardCharsets.US_ASCII);
    private final OutputStream out;

    ScriptSafe(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      if (b == '<') {
        out.write(ESCAPED);
      } else {
        out.write(b);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      int from = offset;
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '<') {
          out.write(bytes, from, i - from);
          out.write(ESCAPED);
          from = i + 1;
        }
      }
      out.write(bytes, from, offset + length - from);
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

  private static byte[][] page() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("/reach/report.html")) {
      if (in == null) {
        throw new IllegalStateException("reach/report.html is missing from the jar");
      }
      String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int data = page.indexOf(DATA);
      if (data < 0 || data != page.lastIndexOf(DATA)) {
        throw new IllegalStateException("reach/report.html must hold " + DATA + " once");
      }
      return new byte[][] {page.substring(0, data).getBytes(StandardCharsets.UTF_8),
          page.substring(data + DATA.length()).getBytes(StandardCharsets.UTF_8)};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
