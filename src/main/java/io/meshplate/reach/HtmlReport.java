package io.meshplate.reach;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One self-contained HTML page: the report as JSON inside it and a small script that draws the
 * tenant/service graph of an overlay (flows as arrows, undeclared ones red), filters by tenant and
 * shows the deciding objects of a flow on click. Nothing is loaded from the network (its content
 * security policy forbids it), so the page works offline and as a CI artifact.
 */
final class HtmlReport {
  private static final String TEMPLATE = template();

  private HtmlReport() {}

  static String render(Report report) {
    // "<" occurs only inside JSON strings, where "\u003c" means the same and cannot end the script element.
    String json = JsonReport.compact(report).replace("<", "\\u003c");
    return TEMPLATE.replace("@@DATA@@", json);
  }

  private static String template() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("/reach/report.html")) {
      if (in == null) {
        throw new IllegalStateException("reach/report.html is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
