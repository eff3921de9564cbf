package io.meshplate.reach;

import io.meshplate.Interned;
import io.meshplate.yaml.SourceMap;
import java.util.Objects;

/**
 * Where a fact was read: a file (relative to the project root, {@code output/...} or
 * {@code tenants/...}), the index of the YAML document in it, a JSON Pointer inside that document,
 * and the object it belongs to as users write it ({@code AuthorizationPolicy/payments-prod/api-allow}).
 * Lines are resolved only when a report needs them (see {@link Locator}).
 */
record Ref(String file, int document, String pointer, String object, int line) {

  // Written out: a record's generated equals and hashCode go through method handles that the quick
  // compiler the launcher runs does not inline (about 200 ns a call against 17 ns for these five
  // fields); the checks collect the objects that decide every flow in sets.
  @Override
  public boolean equals(Object other) {
    return other instanceof Ref r && document == r.document && line == r.line && Objects.equals(file, r.file)
        && Objects.equals(pointer, r.pointer) && Objects.equals(object, r.object);
  }

  @Override
  public int hashCode() {
    return (((Objects.hashCode(file) * 31 + document) * 31 + Objects.hashCode(pointer)) * 31 + Objects.hashCode(object)) * 31
        + line;
  }

  Ref(String file, int document, String pointer, String object) {
    this(file, document, pointer, object, 0);
  }

  /** A place known only as {@code file:line} (a platform value's provenance). */
  static Ref atLine(String fileAndLine, String object) {
    int colon = fileAndLine.lastIndexOf(':');
    if (colon > 0) {
      try {
        return new Ref(fileAndLine.substring(0, colon), 0, "", object,
            Integer.parseInt(fileAndLine.substring(colon + 1)));
      } catch (NumberFormatException notALine) {
        // fall through: the whole text is the file
      }
    }
    return new Ref(fileAndLine, 0, "", object, 0);
  }

  /** A reference to a child node: {@code ref.at("spec", "rules", 2)}. */
  Ref at(Object... tokens) {
    StringBuilder p = new StringBuilder(pointer.length() + 16 * tokens.length).append(pointer);
    for (Object token : tokens) {
      SourceMap.appendChild(p, token);
    }
    // Interned: the same pointers recur in every tenant's facts, which a run holds an overlay of.
    return new Ref(file, document, Interned.of(p.toString()), object, 0);
  }

  /** The object's short form without its namespace: {@code AuthorizationPolicy/api-allow}. */
  String shortObject() {
    int first = object.indexOf('/');
    int last = object.lastIndexOf('/');
    return first == last ? object : object.substring(0, first) + object.substring(last);
  }
}
