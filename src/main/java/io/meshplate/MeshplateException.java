package io.meshplate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Base of every failure a user can act on. Subtypes live in the package that detects them; the
 * command line maps each subtype to one exit code in one place ({@code cli.ExitCodes}).
 *
 * <p>Most failures carry a sorted list of {@link Problem}s: all problems of a run are reported
 * together, so a user fixes everything in one pass.
 */
public abstract class MeshplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  protected MeshplateException(String message) {
    this(message, List.of(), null);
  }

  protected MeshplateException(String message, Throwable cause) {
    this(message, List.of(), cause);
  }

  protected MeshplateException(List<Problem> problems) {
    this(null, problems, null);
  }

  protected MeshplateException(String summary, List<Problem> problems, Throwable cause) {
    super(messageOf(summary, problems), cause);
    this.problems = problems.stream().sorted().distinct().toList();
  }

  /** The problems behind this failure, sorted by file, line, column and rule. */
  public List<Problem> problems() {
    return problems;
  }

  private static String messageOf(String summary, List<Problem> problems) {
    String listed =
        problems.stream().sorted().distinct().map(Problem::format).collect(Collectors.joining("\n"));
    if (summary == null) {
      return listed;
    }
    // A summary may name a file or echo an I/O message: one line, controls escaped, like a problem.
    String shown = Problem.visible(summary);
    return listed.isEmpty() ? shown : listed + "\n" + shown;
  }
}
