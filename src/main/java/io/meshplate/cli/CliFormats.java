package io.meshplate.cli;

import io.meshplate.UsageException;
import io.meshplate.review.ReportFormat;
import io.meshplate.yaml.Messages;
import java.util.Locale;

/** Parses {@code --format} values the same way for every command. */
final class CliFormats {
  private CliFormats() {}

  /** The values {@code --format} takes, for help and shell completion. */
  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("text", "markdown", "json").iterator();
    }
  }

  /** The values {@code reach --format} takes: those of every report, and a page. */
  static final class ReachNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("text", "markdown", "json", "html").iterator();
    }
  }

  static io.meshplate.reach.ReachFormat reach(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "text" -> io.meshplate.reach.ReachFormat.TEXT;
      case "markdown", "md" -> io.meshplate.reach.ReachFormat.MARKDOWN;
      case "json" -> io.meshplate.reach.ReachFormat.JSON;
      case "html" -> io.meshplate.reach.ReachFormat.HTML;
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
