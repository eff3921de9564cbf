package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Map;

/**
 * A rendered object with the file it sits in.
 *
 * @param line the line of {@code output/<file>} its document starts on (1-based), 0 when the
 *     object was checked before it was written out
 */
public record PlacedObject(RenderedFile file, Map<String, Object> object, ObjectKey key, int line) {
  public boolean inTenantFolder() {
    return file.tenant() != null;
  }

  public boolean is(String group, String kind) {
    return key.group().equals(group) && key.kind().equals(kind);
  }

  /** {@code Kind.group} as kubectl writes it; just {@code Kind} for the core group. */
  public String groupKind() {
    return key.groupKind();
  }

  /** {@code output/<path>:<line>}, where a reader finds the object. */
  public String location() {
    return "output/" + file.path() + (line > 0 ? ":" + line : "");
  }

  public Map<?, ?> spec() {
    return Fields.map(object, "spec");
  }

  Problem problem(String rule, String message, String hint) {
    return Problem.at("output/" + file.path(), 0, 0, rule, Messages.escape(key.display()) + ": " + message)
        .withHint(hint);
  }

  /** Small null-safe navigation over object trees. */
  public static final class Fields {
    private Fields() {}

    public static Map<?, ?> map(Object parent, String field) {
      return parent instanceof Map<?, ?> m && m.get(field) instanceof Map<?, ?> child ? child : Map.of();
    }

    public static List<?> list(Object parent, String field) {
      return parent instanceof Map<?, ?> m && m.get(field) instanceof List<?> child ? child : List.of();
    }

    public static String text(Object parent, String field) {
      return parent instanceof Map<?, ?> m && m.get(field) instanceof String s ? s : null;
    }

    public static boolean has(Object parent, String field) {
      return parent instanceof Map<?, ?> m && m.get(field) != null;
    }
  }
}
