package io.meshplate.policy.cel;

/**
 * What evaluating one CRD rule on one value found.
 *
 * @param outcome violated, not evaluable here, or skipped as update-only
 * @param pointer JSON Pointer into the object of the value reported (for {@link Outcome#UPDATE_ONLY},
 *     the schema path with {@code *} for list items and map values)
 * @param message the rule's message (or its messageExpression's result), or why it cannot be evaluated
 * @param rule the rule's CEL expression
 */
public record RuleFinding(Outcome outcome, String pointer, String message, String rule) {

  /** The kinds of finding. */
  public enum Outcome {
    /** The rule evaluated to false or failed: the API server refuses the object. */
    VIOLATED,
    /** The rule cannot be compiled or evaluated here, so the object is not known to pass. */
    NOT_EVALUABLE,
    /** A transition rule ({@code oldSelf}): it compares with the stored object, so only updates run it. */
    UPDATE_ONLY
  }
}
