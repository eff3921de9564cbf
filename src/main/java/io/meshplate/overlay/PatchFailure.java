package io.meshplate.overlay;

/** A patch that cannot be applied to one object; the engine turns it into a positioned problem. */
final class PatchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String rule;
  private final String hint;

  PatchFailure(String rule, String message, String hint) {
    super(message, null, false, false);
    this.rule = rule;
    this.hint = hint;
  }

  String rule() {
    return rule;
  }

  String hint() {
    return hint;
  }
}
