package io.meshplate.policy;

import java.util.Comparator;
import java.util.Map;

/** The apiVersion and kind that select a schema; group is empty for the core API. */
record GroupVersionKind(String group, String version, String kind) implements Comparable<GroupVersionKind> {
  private static final Comparator<GroupVersionKind> ORDER = Comparator.comparing(GroupVersionKind::group)
      .thenComparing(GroupVersionKind::version).thenComparing(GroupVersionKind::kind);

  static GroupVersionKind of(Map<String, Object> object) {
    String apiVersion = object.get("apiVersion") instanceof String s ? s : "";
    String kind = object.get("kind") instanceof String s ? s : "";
    int slash = apiVersion.indexOf('/');
    return slash < 0
        ? new GroupVersionKind("", apiVersion, kind)
        : new GroupVersionKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  String display() {
    return apiVersion() + " " + kind;
  }

  @Override
  public int compareTo(GroupVersionKind other) {
    return ORDER.compare(this, other);
  }
}
