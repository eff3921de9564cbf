package io.meshplate.overlay;

/** A patch that cannot be applied to one object; the engine turns it into a positioned problem. */
final class PatchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String rule;
  private final String hint;
  private final JsonPatchOperation operation;

  PatchFailure(String rule, String message, String hint) {
    this(rule, message, hint, null);
  }

  /** A failure of one JSON 6902 operation, reported at the operation's own line when known. */
  PatchFailure(String rule, String message, String hint, JsonPatchOperation operation) {
    super(message, null, false, false);
    this.rule = rule;
    this.hint = hint;
    this.operation = operation;
  }

  JsonPatchOperation operation() {
    return operation;
  }

  String rule() {
    return rule;
  }

  String hint() {
    return hint;
  }
}
