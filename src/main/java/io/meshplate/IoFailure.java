package io.meshplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;

/**
 * Turns a failed file operation into a positioned problem with a rule id, the path it concerns
 * and a hint that names the likely cause (no space, read-only file system, permissions), so a
 * disk-full CI runner gets "free space" rather than a bare exception text. Exit 6.
 */
public final class IoFailure {
  /** Reading an input (descriptor, template, overlay, Git object) failed. */
  public static final String READ = "IO-READ-FAILED";
  /** Reading {@code output/} or meshplate's own state under {@code .meshplate/} failed. */
  public static final String OUTPUT_READ = "OUTPUT-READ-FAILED";
  /** Creating, writing, renaming or deleting under {@code output/} or {@code .meshplate/} failed. */
  public static final String OUTPUT_WRITE = "OUTPUT-WRITE-FAILED";

  private IoFailure() {}

  /**
   * The failure as an exception carrying one problem.
   *
   * @param rule one of the constants above
   * @param path the file concerned, as shown to users (relative to the project root)
   * @param action what was attempted, e.g. {@code "cannot write"}
   */
  public static OutputException of(String rule, String path, String action, IOException cause) {
    return new OutputException(List.of(problem(rule, path, action, cause)), cause);
  }

  /** As {@link #of}, for an {@link UncheckedIOException}. */
  public static OutputException of(String rule, String path, String action, UncheckedIOException cause) {
    return of(rule, path, action, cause.getCause());
  }

  public static Problem problem(String rule, String path, String action, IOException cause) {
    return Problem.at(path, 0, 0, rule, action + ": " + reason(cause)).withHint(hint(rule, cause));
  }

  /** The operating system's reason, without the path the exception repeats. */
  static String reason(IOException cause) {
    if (cause instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (cause instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (cause instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  private static String hint(String rule, IOException cause) {
    String reason = reason(cause).toLowerCase(Locale.ROOT);
    if (reason.contains("no space") || reason.contains("quota")) {
      return "free space on that file system and run the command again";
    }
    if (reason.contains("read-only")) {
      return "the file system is mounted read-only; render on a writable checkout";
    }
    if (cause instanceof AccessDeniedException || reason.contains("permission")
        || reason.contains("operation not permitted")) {
      return "make the folder writable for this user (and not immutable), then run the command again";
    }
    return OUTPUT_WRITE.equals(rule)
        ? "fix the cause and run the command again; output/ is as before, or completed by the next command"
        : "check that the file exists and is readable";
  }
}
