package io.meshplate;

import java.util.List;

/** Reading or writing files failed, or another run holds the output lock. Exit 6. */
public class OutputException extends MeshplateException {
  private static final long serialVersionUID = 1L;

  public OutputException(String message) {
    super(message);
  }

  public OutputException(String message, Throwable cause) {
    super(message, cause);
  }

  public OutputException(List<Problem> problems) {
    super(problems);
  }

  public OutputException(String summary, List<Problem> problems) {
    super(summary, problems, null);
  }

  public OutputException(List<Problem> problems, Throwable cause) {
    super(null, problems, cause);
  }
}
