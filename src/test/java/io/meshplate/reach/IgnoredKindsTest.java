package io.meshplate.reach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The kinds a reader of output/ may leave unbuilt are exactly those the model skips: by kind and
 * API group, whatever the version.
 */
class IgnoredKindsTest {
  @Test
  void everyKindWithoutEffectIsIgnoredInAnyVersion() {
    for (String groupKind : Facts.NO_EFFECT) {
      int dot = groupKind.indexOf('.');
      String kind = dot < 0 ? groupKind : groupKind.substring(0, dot);
      String apiVersion = dot < 0 ? "v1" : groupKind.substring(dot + 1) + "/v1beta1";
      assertThat(Reach.ignores(apiVersion, kind)).as(groupKind).isTrue();
    }
  }

  @Test
  void aKindThatCanChangeTrafficOrAnotherGroupIsRead() {
    assertThat(Reach.ignores("networking.k8s.io/v1", "NetworkPolicy")).isFalse();
    assertThat(Reach.ignores("v1", "Service")).isFalse();
    assertThat(Reach.ignores("example.com/v1", "ConfigMap")).isFalse();      // a CRD named like a core kind
    assertThat(Reach.ignores("v1", "Role")).isFalse();                       // RBAC's Role lives in its group
    assertThat(Reach.ignores("rbac.authorization.k8s.io.evil/v1", "Role")).isFalse();
    assertThat(Reach.ignores("rbac.authorization.k8s.io/v1", "Role")).isTrue();
  }
}
