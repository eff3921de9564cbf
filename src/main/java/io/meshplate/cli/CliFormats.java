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
