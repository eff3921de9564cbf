package io.meshplate.policy;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/** The apiVersion and kind that select a schema; group is empty for the core API. */
record GroupVersionKind(String group, String version, String kind) implements Comparable<GroupVersionKind> {
  // Written out: a record's generated equals and hashCode go through method handles, linked on the
  // first call and slow under the quick compiler; every rendered object looks its schema up by kind.
  @Override
  public boolean equals(Object other) {
    return other instanceof GroupVersionKind k && Objects.equals(group, k.group) && Objects.equals(version, k.version)
        && Objects.equals(kind, k.kind);
  }

  @Override
  public int hashCode() {
    return (Objects.hashCode(group) * 31 + Objects.hashCode(version)) * 31 + Objects.hashCode(kind);
  }

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
