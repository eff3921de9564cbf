package io.meshplate.policy;

import io.meshplate.Problem;
import io.meshplate.yaml.Messages;
import java.util.List;
import java.util.Map;

/**
 * Shape of the baseline rules: every namespace a tenant folder populates must hold one object
 * that satisfies {@link #isBaseline}. Subclasses may also reject objects that weaken it.
 */
abstract class BaselineInvariant implements Invariant {
  /** What the missing object is, for the message ({@code a STRICT PeerAuthentication}). */
  abstract String describe();

  abstract boolean isBaseline(PlacedObject placed);

  /** A reason why {@code placed} weakens the baseline, or null. */
  String weakens(PlacedObject placed) {
    return null;
  }

  @Override
  public void check(FolderObjects folder, List<Problem> problems) {
    if (folder.folder().isPlatform()) {
      return;
    }
    List<PlacedObject> placed = folder.objects();
    for (String namespace : folder.populatedNamespaces()) {
      boolean present = placed.stream()
          .anyMatch(p -> p.key().namespace().equals(namespace) && isBaseline(p));
      if (!present) {
        problems.add(Problem.at("output/" + folder.folder().path() + "/", 0, 0, rule(),
                "namespace " + Messages.escape(namespace) + " has no " + describe())
            .withHint("the tenant templates must always render it; restore the template that produced it"));
      }
    }
    for (PlacedObject object : placed) {
      String reason = weakens(object);
      if (reason != null) {
        problems.add(object.problem(rule(), reason, "tenant policy may only tighten the baseline"));
      }
    }
  }

  static boolean isEmpty(Object value) {
    return value == null
        || value instanceof Map<?, ?> m && m.isEmpty()
        || value instanceof List<?> l && l.isEmpty();
  }

  /** True when the object applies to the whole namespace (no selector or target reference). */
  static boolean namespaceWide(PlacedObject placed) {
    Map<?, ?> spec = placed.spec();
    return isEmpty(spec.get("selector")) && isEmpty(spec.get("workloadSelector"))
        && isEmpty(spec.get("targetRef")) && isEmpty(spec.get("targetRefs"));
  }
}
