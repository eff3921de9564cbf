package io.meshplate;

import java.util.List;

/** A platform template failed: missing, unparsable, failing to evaluate, or producing invalid YAML. Exit 5. */
public class TemplateFailureException extends MeshplateException {
  private static final long serialVersionUID = 1L;

  public TemplateFailureException(String message) {
    super(message);
  }

  public TemplateFailureException(String message, Throwable cause) {
    super(message, cause);
  }

  public TemplateFailureException(List<Problem> problems) {
    super(problems);
  }

  public TemplateFailureException(String summary, List<Problem> problems) {
    super(summary, problems, null);
  }
}
