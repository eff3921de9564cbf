package io.meshplate.review;

/** How a review is printed. */
public enum ReportFormat {
  /** For a terminal: ANSI colour only when asked for. */
  TEXT,
  /** For a pull-request comment. */
  MARKDOWN,
  /** Machine-readable, validated by {@code schema/review-v1.schema.json}. */
  JSON
}
