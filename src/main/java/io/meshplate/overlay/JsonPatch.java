package io.meshplate.overlay;

import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.Trees;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** RFC 6902 JSON Patch on object trees, with RFC 6901 pointers ({@code ~1} is /, {@code ~0} is ~). */
final class JsonPatch {
  private JsonPatch() {}

  /** Applies the operations in order to a copy of {@code document}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> apply(Map<String, Object> document, List<JsonPatchOperation> operations) {
    Object root = Trees.deepCopy(document);
    for (JsonPatchOperation op : operations) {
      root = applyOne(root, op);
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new PatchFailure("OVERLAY-PATCH-FAILED", "the patch replaced the object by a non-object",
          "replace the whole object only with a map");
    }
    return (Map<String, Object>) map;
  }

  private static Object applyOne(Object root, JsonPatchOperation op) {
    List<String> path = parsePointer(op.path());
    return switch (op.op()) {
      case "add" -> add(root, path, Trees.deepCopy(op.value()), op);
      case "remove" -> {
        get(root, path, op, "remove");
        yield remove(root, path, op);
      }
      case "replace" -> {
        if (path.isEmpty()) {
          yield Trees.deepCopy(op.value());
        }
        get(root, path, op, "replace");
        yield add(remove(root, path, op), path, Trees.deepCopy(op.value()), op);
      }
      case "move" -> {
        List<String> from = parsePointer(op.from());
        if (path.size() > from.size() && path.subList(0, from.size()).equals(from)) {
          throw failure(op, "cannot move " + op.from() + " into its own child " + op.path());
        }
        Object value = get(root, from, op, "move from");
        yield add(remove(root, from, op), path, value, op);
      }
      case "copy" -> add(root, path, Trees.deepCopy(get(root, parsePointer(op.from()), op, "copy from")), op);
      case "test" -> {
        Object actual = get(root, path, op, "test");
        if (!sameJson(actual, op.value())) {
          throw failure(op, "test failed: " + op.path() + " is not the expected value");
        }
        yield root;
      }
      default -> throw failure(op, "unknown op " + op.op());
    };
  }

  /** Splits and unescapes a pointer; the parser has already checked its syntax. */
  static List<String> parsePointer(String pointer) {
    return SourceMap.tokens(pointer);
  }

  /** Null when the pointer is syntactically valid, else why not. */
  static String pointerError(String pointer) {
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      return "a JSON pointer starts with / (or is empty for the whole object)";
    }
    for (int i = 0; i < pointer.length(); i++) {
      if (pointer.charAt(i) == '~' && (i + 1 == pointer.length() || "01".indexOf(pointer.charAt(i + 1)) < 0)) {
        return "~ must be written ~0 and / inside a key ~1";
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Object get(Object root, List<String> path, JsonPatchOperation op, String verb) {
    Object node = root;
    for (String token : path) {
      if (node instanceof Map<?, ?> map && map.containsKey(token)) {
        node = map.get(token);
      } else if (node instanceof List<?> list && index(token, list.size() - 1) >= 0) {
        node = list.get(index(token, list.size() - 1));
      } else {
        throw failure(op, verb + ": " + pointerText(path) + " does not exist");
      }
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Object add(Object root, List<String> path, Object value, JsonPatchOperation op) {
    if (path.isEmpty()) {
      return value;
    }
    Object parent = get(root, path.subList(0, path.size() - 1), op, op.op());
    String last = path.get(path.size() - 1);
    if (parent instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put(last, value);
    } else if (parent instanceof List<?> list) {
      int at = "-".equals(last) ? list.size() : index(last, list.size());
      if (at < 0) {
        throw failure(op, op.op() + ": index " + last + " is outside the list at " + pointerText(path));
      }
      ((List<Object>) list).add(at, value);
    } else {
      throw failure(op, op.op() + ": the parent of " + pointerText(path) + " is not a map or list");
    }
    return root;
  }

  private static Object remove(Object root, List<String> path, JsonPatchOperation op) {
    if (path.isEmpty()) {
      throw failure(op, "cannot remove the whole object");
    }
    Object parent = get(root, path.subList(0, path.size() - 1), op, op.op());
    String last = path.get(path.size() - 1);
    if (parent instanceof Map<?, ?> map) {
      map.remove(last);
    } else if (parent instanceof List<?> list) {
      list.remove(index(last, list.size() - 1));
    }
    return root;
  }

  /** The array index of a token when it is a canonical decimal not above {@code max}, else -1. */
  private static int index(String token, int max) {
    if (!token.matches("0|[1-9][0-9]{0,8}")) {
      return -1;
    }
    int value = Integer.parseInt(token);
    return value <= max ? value : -1;
  }

  /** JSON equality: numbers compare by value (1 equals 1.0), maps ignore key order. */
  private static boolean sameJson(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> sameJson(x.get(k), y.get(k)));
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameJson(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  private static String pointerText(List<String> path) {
    StringBuilder sb = new StringBuilder();
    path.forEach(t -> sb.append('/').append(t.replace("~", "~0").replace("/", "~1")));
    return Messages.escape(sb.toString());
  }

  private static PatchFailure failure(JsonPatchOperation op, String message) {
    return new PatchFailure(
        "OVERLAY-PATCH-FAILED", message, "check the path against the rendered object (meshplate render shows it)", op);
  }
}
