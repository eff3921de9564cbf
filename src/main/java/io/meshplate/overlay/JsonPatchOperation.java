package io.meshplate.overlay;

/**
 * One RFC 6902 operation of a JSON patch.
 *
 * @param op add, remove, replace, move, copy or test
 * @param path the JSON Pointer (RFC 6901) the operation works on
 * @param from the source pointer of move and copy, else null
 * @param value the value of add, replace and test (may be null: JSON null), else null
 * @param line 1-based line of the operation in the overlay, 0 when unknown
 * @param column 1-based column of the operation in the overlay, 0 when unknown
 */
record JsonPatchOperation(
    String op, String path, String from, Object value, int line, int column) {}
