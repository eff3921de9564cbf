package io.meshplate.descriptor;

import io.meshplate.Problem;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.SourceMap.Position;

/**
 * A problem found on a descriptor tree, addressed by JSON Pointer; it becomes a {@link Problem}
 * once the pointer is looked up in the file's {@link SourceMap}. Keeping the pointer until then
 * lets checks of a merged environment override be moved back onto the override's own lines.
 *
 * @param atKey point at the key of the node (unknown fields, map keys) rather than its value
 */
record Finding(String pointer, boolean atKey, String rule, String message, String hint) {

  static Finding atValue(String pointer, String rule, String message, String hint) {
    return new Finding(pointer, false, rule, message, hint);
  }

  static Finding atKey(String pointer, String rule, String message, String hint) {
    return new Finding(pointer, true, rule, message, hint);
  }

  Finding movedTo(String newPointer) {
    return new Finding(newPointer, atKey, rule, message, hint);
  }

  Problem toProblem(SourceMap positions) {
    Position at = atKey ? positions.key(pointer) : positions.value(pointer);
    return new Problem(positions.file(), at.line(), at.column(), rule, message, hint);
  }
}
