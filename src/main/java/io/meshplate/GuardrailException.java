package io.meshplate;

import java.util.List;

/** A guardrail or post-render invariant is violated: one tenant reaching another or the platform. Exit 4. */
public class GuardrailException extends MeshplateException {
  private static final long serialVersionUID = 1L;

  public GuardrailException(String message) {
    super(message);
  }

  public GuardrailException(String message, Throwable cause) {
    super(message, cause);
  }

  public GuardrailException(List<Problem> problems) {
    super(problems);
  }

  public GuardrailException(String summary, List<Problem> problems) {
    super(summary, problems, null);
  }
}
