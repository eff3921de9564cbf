package io.meshplate;

import java.util.List;

/** The command line names something that does not exist (an environment, a tenant, a Git ref). Exit 2. */
public class UsageException extends MeshplateException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }

  public UsageException(List<Problem> problems) {
    super(problems);
  }

  public UsageException(String summary, List<Problem> problems) {
    super(summary, problems, null);
  }
}
