package io.meshplate.overlay;

import io.meshplate.InvalidInputException;
import io.meshplate.Problem;
import io.meshplate.manifest.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The objects after every layer, and what each patch did.
 *
 * @param objects patched objects, in input order (deleted objects left out)
 * @param applications every patch applied to every object, in the order applied
 * @param unmatched patches that selected no object in this call
 */
public record PatchResult(
    List<Map<String, Object>> objects, List<PatchApplication> applications, List<Patch> unmatched) {
  public PatchResult {
    objects = List.copyOf(objects);
    applications = List.copyOf(applications);
    unmatched = List.copyOf(unmatched);
  }

  /** For each patched object, the {@code file:line} of every patch applied to it, in order. */
  public SortedMap<ObjectKey, List<String>> originsByObject() {
    SortedMap<ObjectKey, List<String>> origins = new TreeMap<>();
    applications.forEach(a -> origins.computeIfAbsent(a.object(), k -> new ArrayList<>())
        .add(a.patch().origin()));
    return origins;
  }

  /** The patches applied to one object, in order. */
  public List<PatchApplication> applicationsTo(ObjectKey key) {
    return applications.stream().filter(a -> a.object().equals(key)).toList();
  }

  /**
   * Fails when a patch not marked {@code optional} selected nothing: a typo in a target must not
   * pass silently. Call it once per environment, after all objects of the environment went through
   * the engine (see {@link PatchEngine#requireMatched}).
   */
  public PatchResult requireAllMatched() {
    PatchEngine.requirePatchesMatched(unmatched, List.of(this));
    return this;
  }

  static Problem noMatch(Patch patch) {
    String what = patch.target() == null ? "its object" : patch.target().display();
    return new Problem(patch.file(), patch.line(), patch.column(), "OVERLAY-PATCH-NO-MATCH",
        "the patch selects no rendered object (target " + what + ")",
        "check kind, name and namespace (they are anchored regular expressions), or mark it optional: true");
  }

  static void throwIfAny(List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
