package io.meshplate.cli;

import io.meshplate.UsageException;
import io.meshplate.reach.ReachFormat;
import io.meshplate.review.ReportFormat;
import io.meshplate.yaml.Messages;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** Parses {@code --format} values the same way for every command. */
final class CliFormats {
  private CliFormats() {}

  /** The values {@code --format} takes, for help and shell completion. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("text", "markdown", "json").iterator();
    }
  }

  /** The values {@code reach --format} takes: those of every report, and a page. */
  static final class ReachNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("text", "markdown", "json", "html").iterator();
    }
  }

  static ReachFormat reach(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> ReachFormat.TEXT;
      case "markdown", "md" -> ReachFormat.MARKDOWN;
      case "json" -> ReachFormat.JSON;
      case "html" -> ReachFormat.HTML;
      default -> throw new UsageException(
          "unknown --format '" + Messages.escape(value) + "' (use text, markdown, json or html)");
    };
  }

  static ReportFormat report(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> ReportFormat.TEXT;
      case "markdown", "md" -> ReportFormat.MARKDOWN;
      case "json" -> ReportFormat.JSON;
      default -> throw new UsageException(
          "unknown --format '" + Messages.escape(value) + "' (use text, markdown or json)");
    };
  }
}
