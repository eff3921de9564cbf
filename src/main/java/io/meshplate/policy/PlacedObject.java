package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Map;

/** A rendered object with the file it sits in. */
record PlacedObject(RenderedFile file, Map<String, Object> object, ObjectKey key) {
  boolean inTenantFolder() {
    return file.tenant() != null;
  }

  boolean is(String group, String kind) {
    return key.group().equals(group) && key.kind().equals(kind);
  }

  /** {@code Kind.group} as kubectl writes it; just {@code Kind} for the core group. */
  String groupKind() {
    return key.group().isEmpty() ? key.kind() : key.kind() + "." + key.group();
  }

  Map<?, ?> spec() {
    return Fields.map(object, "spec");
  }

  Problem problem(String rule, String message, String hint) {
    return Problem.at("output/" + file.path(), 0, 0, rule, Messages.escape(key.display()) + ": " + message)
        .withHint(hint);
  }

  /** Small null-safe navigation over object trees. */
  static final class Fields {
    private Fields() {}

    static Map<?, ?> map(Object parent, String field) {
      return parent instanceof Map<?, ?> m && m.get(field) instanceof Map<?, ?> child ? child : Map.of();
    }

    static List<?> list(Object parent, String field) {
      return parent instanceof Map<?, ?> m && m.get(field) instanceof List<?> child ? child : List.of();
    }

    static String text(Object parent, String field) {
      return parent instanceof Map<?, ?> m && m.get(field) instanceof String s ? s : null;
    }

    static boolean has(Object parent, String field) {
      return parent instanceof Map<?, ?> m && m.get(field) != null;
    }
  }
}
