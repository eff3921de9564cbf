package io.meshplate.reach;

/**
 * Three-valued logic: a selector on a label the model cannot know, or a policy field it does not
 * evaluate, makes an answer {@link #UNKNOWN} instead of a guess in either direction.
 */
enum Tri {
  TRUE, FALSE, UNKNOWN;

  static Tri of(boolean value) {
    return value ? TRUE : FALSE;
  }

  Tri and(Tri other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : TRUE;
  }

  Tri or(Tri other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : FALSE;
  }

  Tri not() {
    return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
  }
}
