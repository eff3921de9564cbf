package io.meshplate.overlay;

import java.util.List;
import java.util.Map;

/**
 * One entry of an overlay's {@code patches:} list, validated and ready to apply.
 *
 * <p>Exactly one of {@code mergePatch} (a strategic-merge patch) and {@code operations} (a JSON
 * 6902 patch) is non-null. The values are never mutated: the engine copies what it inserts.
 *
 * @param file the overlay file, relative to the project root
 * @param line 1-based line of the patch entry
 * @param column 1-based column of the patch entry
 * @param target the objects selected; for a strategic-merge patch without {@code target} it
 *     selects the object the patch names (apiVersion, kind, metadata.name and namespace)
 * @param allowNameChange Kustomize's option: a strategic-merge patch may rename its target
 * @param optional meshplate's extension: matching nothing is not an error
 */
record Patch(
    String file,
    int line,
    int column,
    PatchTarget target,
    Map<String, Object> mergePatch,
    List<JsonPatchOperation> operations,
    boolean allowNameChange,
    boolean optional) {

  public boolean isStrategicMerge() {
    return mergePatch != null;
  }

  /** {@code file:line}, as {@code meshplate explain} and messages print it. */
  public String origin() {
    return file + ":" + line;
  }
}
