package io.meshplate;

import java.util.List;

/** A descriptor or overlay is invalid: YAML structure, schema or a semantic rule. Exit 3. */
public class InvalidInputException extends MeshplateException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }

  public InvalidInputException(List<Problem> problems) {
    super(problems);
  }

  public InvalidInputException(String summary, List<Problem> problems) {
    super(summary, problems, null);
  }
}
