package io.meshplate.explain;

/**
 * What one layer of a value's chain does to it.
 *
 * @param layer the layer, as shown: {@code base defaults}, {@code overlay prod},
 *     {@code tenant spec}, {@code environmentOverrides.prod}
 * @param file the layer's file, relative to the project root
 * @param line 1-based line of what the layer wrote (0 when the layer does not touch the value)
 * @param effect what the layer does
 * @param value the value the layer gives (for {@link Effect#SETS}), otherwise null
 */
public record Contribution(String layer, String file, int line, Effect effect, Object value) {
  /** What a layer does to a value. */
  public enum Effect {
    /** The layer does not mention the value: the one below stays. */
    NOT_SET,
    /** The layer writes the value (or a list holding it: lists replace as a whole). */
    SETS,
    /** The layer writes {@code null} at the value or above it: the key is deleted. */
    DELETES,
    /** The layer writes a non-map above the value, so the value no longer exists. */
    REPLACES_PARENT
  }

  /** {@code file:line}, or the file alone when the layer does not touch the value. */
  public String origin() {
    return line > 0 ? file + ":" + line : file;
  }
}
