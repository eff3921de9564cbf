package io.meshplate.overlay;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** A {@link PatchTarget} compiled for matching rendered objects. */
final class TargetMatcher {
  private final Pattern group;
  private final Pattern version;
  private final Pattern kind;
  private final Pattern name;
  private final Pattern namespace;
  private final LabelSelector labels;
  private final LabelSelector annotations;

  /** @throws java.util.regex.PatternSyntaxException or IllegalArgumentException on bad syntax */
  TargetMatcher(PatchTarget target) {
    this.group = anchored(target.group());
    this.version = anchored(target.version());
    this.kind = anchored(target.kind());
    this.name = anchored(target.name());
    this.namespace = anchored(target.namespace());
    this.labels = target.labelSelector() == null ? null : LabelSelector.parse(target.labelSelector());
    this.annotations =
        target.annotationSelector() == null ? null : LabelSelector.parse(target.annotationSelector());
  }

  /** Kustomize anchors every field regex to the whole value. */
  static Pattern anchored(String regex) {
    return regex == null || regex.isEmpty() ? null : Pattern.compile("^(?:" + regex + ")$");
  }

  boolean matchesKind(String kindName) {
    return kind == null || kind.matcher(kindName).matches();
  }

  boolean matches(Map<String, Object> object) {
    String apiVersion = Objects.toString(object.get("apiVersion"), "");
    int slash = apiVersion.indexOf('/');
    String g = slash < 0 ? "" : apiVersion.substring(0, slash);
    String v = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
    return test(group, g)
        && test(version, v)
        && test(kind, Objects.toString(object.get("kind"), ""))
        && test(name, Objects.toString(metadata.get("name"), ""))
        && test(namespace, Objects.toString(metadata.get("namespace"), ""))
        && (labels == null || labels.matches(asMap(metadata.get("labels"))))
        && (annotations == null || annotations.matches(asMap(metadata.get("annotations"))));
  }

  private static boolean test(Pattern pattern, String value) {
    return pattern == null || pattern.matcher(value).matches();
  }

  private static Map<?, ?> asMap(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }
}
