package io.meshplate.overlay;

import io.meshplate.yaml.Messages;
import java.util.regex.Pattern;

/**
 * Which rendered objects a patch applies to, as Kustomize's {@code target}: every field that is
 * set must match, an unset field matches everything.
 *
 * <p>{@code group}, {@code version}, {@code kind}, {@code name} and {@code namespace} are regular
 * expressions anchored to the whole value (Kustomize compiles them as {@code ^(?:…)$}), so
 * {@code name: api} selects {@code api} but not {@code api-v2}, and {@code name: "api-.*"}
 * selects both {@code api-v1} and {@code api-v2}. {@code labelSelector} and
 * {@code annotationSelector} use the Kubernetes label selector syntax ({@code k=v}, {@code k!=v},
 * {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}, comma means and).
 *
 * @param group null when unset; the core group is the empty string
 */
record PatchTarget(
    String group,
    String version,
    String kind,
    String name,
    String namespace,
    String labelSelector,
    String annotationSelector) {

  /** A target selecting exactly one object by identity (a Kustomize patch without target). */
  static PatchTarget exactly(String group, String version, String kind, String name, String namespace) {
    return new PatchTarget(
        quote(group), quote(version), quote(kind), quote(name), quote(namespace), null, null);
  }

  private static String quote(String literal) {
    return literal == null ? null : Pattern.quote(literal);
  }

  /** The target as users write it, for messages: {@code Deployment/api-.* in team-a}. */
  public String display() {
    StringBuilder sb = new StringBuilder();
    sb.append(kind == null ? "*" : kind);
    sb.append('/').append(name == null ? "*" : name);
    if (namespace != null) {
      sb.append(" in namespace ").append(namespace);
    }
    if (labelSelector != null) {
      sb.append(" with labels ").append(labelSelector);
    }
    if (annotationSelector != null) {
      sb.append(" with annotations ").append(annotationSelector);
    }
    // a target-less patch names its object literally (quoted patterns); show the plain names
    return Messages.escape(sb.toString().replace("\\Q", "").replace("\\E", ""));
  }
}
