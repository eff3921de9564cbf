package io.meshplate.overlay;

import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap.Position;
import io.meshplate.yaml.SourceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks of a patch body: a strategic-merge map's directives, a JSON 6902 operation list. */
final class PatchBodies {
  private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

  /**
   * Where a patch body's problems go. Pointers are relative to the body; the reporter knows
   * where the body sits in the overlay (a map in the file, or a {@code |-} block string).
   */
  interface Reporter {
    void report(String pointer, String rule, String message, String hint);

    Position position(String pointer);
  }

  private PatchBodies() {}

  @SuppressWarnings("unchecked")
  static void checkMergePatch(Reporter problem, Object node, String path) {
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        checkMergePatch(problem, list.get(i), path + "/" + i);
      }
      return;
    }
    if (!(node instanceof Map<?, ?> map)) {
      return;
    }
    ((Map<String, Object>) map).forEach((key, value) -> {
      String child = SourceMap.child(path, key);
      String where = child;
      if (key.equals("$patch")) {
        if ("replace".equals(value) && path.isEmpty()) {
          problem.report(where, "OVERLAY-PATCH-DIRECTIVE",
              "$patch: replace of a whole object is ignored by Kustomize 5.5",
              "replace the maps below it (e.g. spec) with $patch: replace, or delete the object and add a template");
        } else if (!"delete".equals(value) && !"replace".equals(value)) {
          problem.report(where, "OVERLAY-PATCH-DIRECTIVE",
              "unsupported $patch: " + Messages.escape(String.valueOf(value)) + " at " + child,
              "use $patch: delete or $patch: replace");
        }
      } else if (key.startsWith("$")) {
        problem.report(where, "OVERLAY-PATCH-DIRECTIVE",
            "the directive " + Messages.escape(key) + " is not supported", "use $patch: delete or $patch: replace");
      } else if (value == null && (path.equals("/metadata/labels") || path.equals("/metadata/annotations"))) {
        problem.report(where, "OVERLAY-PATCH-NULL-LABEL",
            "null cannot delete " + Messages.escape(child) + ": Kustomize 5.5 writes the text \"null\" instead",
            "remove it with a JSON 6902 patch: {op: remove, path: " + Messages.escape(child) + "}");
      } else {
        checkMergePatch(problem, value, child);
      }
    });
  }

  @SuppressWarnings("unchecked")
  static List<JsonPatchOperation> operations(Reporter problem, List<?> list) {
    List<JsonPatchOperation> result = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String at = SourceMap.child("", i);
      String label = "operation " + (i + 1);
      if (!(list.get(i) instanceof Map<?, ?> raw)) {
        problem.report(at, "OVERLAY-JSONPATCH-OP", label + " must be a map with op and path",
            "e.g. {op: replace, path: /spec/replicas, value: 3}");
        continue;
      }
      Map<String, Object> map = (Map<String, Object>) raw;
      for (String key : new TreeSet<>(map.keySet())) {
        if (!Set.of("op", "path", "from", "value").contains(key)) {
          problem.report(SourceMap.child(at, key), "OVERLAY-JSONPATCH-OP",
              label + ": unknown field " + Messages.escape(key), "use op, path, from and value");
        }
      }
      Object op = map.get("op");
      if (!(op instanceof String opName) || !OPS.contains(opName)) {
        problem.report(at, "OVERLAY-JSONPATCH-OP", label + ": op must be one of add, remove, replace, move, copy, test",
            "see RFC 6902");
        continue;
      }
      String path = pointer(problem, map.get("path"), at, label + ": path");
      String from = null;
      if (opName.equals("move") || opName.equals("copy")) {
        from = pointer(problem, map.get("from"), at, label + ": from");
      }
      boolean needsValue = opName.equals("add") || opName.equals("replace") || opName.equals("test");
      if (needsValue && !map.containsKey("value")) {
        problem.report(at, "OVERLAY-JSONPATCH-OP", label + ": " + opName + " needs a value", "add value: …");
      }
      Position p = problem.position(at);
      if (path != null && (from != null || !(opName.equals("move") || opName.equals("copy")))) {
        result.add(new JsonPatchOperation(opName, path, from, map.get("value"), p.line(), p.column()));
      }
    }
    return List.copyOf(result);
  }

  private static String pointer(Reporter problem, Object raw, String at, String label) {
    if (!(raw instanceof String text)) {
      problem.report(at, "OVERLAY-JSONPATCH-POINTER", label + " is missing", "write a JSON pointer such as /spec/replicas");
      return null;
    }
    String error = JsonPatch.pointerError(text);
    if (error != null) {
      problem.report(at, "OVERLAY-JSONPATCH-POINTER", label + " " + Messages.escape(text) + " is not a JSON pointer",
          error);
      return null;
    }
    return text;
  }
}
