package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.manifest.ObjectKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whether an AppProject lets Argo CD sync an object, decided as argo-cd's
 * IsGroupKindNamePermitted decides it (pkg/apis/application/v1alpha1/app_project_types.go):
 * namespaced kinds pass an absent whitelist or a matching entry, literal or a glob, unless a
 * blacklist entry matches; cluster-scoped kinds need a matching whitelist entry (by name when it
 * gives one).
 */
class AppProjectRulesTest {
  private static ObjectKey namespaced(String group, String kind) {
    return new ObjectKey(group, kind, "team-a", "x");
  }

  @Test
  void literalAndGlobEntriesAdmitTheirKindsAndABlacklistEntryOverridesBoth() {
    AppProjectRules rules = new AppProjectRules(Map.of(
        "namespaceResourceWhitelist", List.of(
            Map.of("group", "", "kind", "ConfigMap"),
            Map.of("group", "apps", "kind", "Deploy*"),
            Map.of("group", "monitoring.coreos.com", "kind", "ServiceMonitor")),
        "namespaceResourceBlacklist", List.of(Map.of("group", "apps", "kind", "DeploymentConfig")),
        "clusterResourceWhitelist", List.of(
            Map.of("group", "", "kind", "Namespace", "name", "team-*"),
            Map.of("group", "rbac.authorization.k8s.io", "kind", "ClusterRole"))));

    assertThat(rules.permitsKind(namespaced("", "ConfigMap"), true)).isTrue();
    assertThat(rules.permitsKind(namespaced("apps", "Deployment"), true)).isTrue();
    assertThat(rules.permitsKind(namespaced("monitoring.coreos.com", "ServiceMonitor"), true)).isTrue();
    // The literal entry names a kind in one group only.
    assertThat(rules.permitsKind(namespaced("apps", "ConfigMap"), true)).isFalse();
    assertThat(rules.permitsKind(namespaced("", "Secret"), true)).isFalse();
    // The glob admits it, the blacklist takes it back.
    assertThat(rules.permitsKind(namespaced("apps", "DeploymentConfig"), true)).isFalse();

    assertThat(rules.permitsKind(new ObjectKey("", "Namespace", "", "team-a"), false)).isTrue();
    assertThat(rules.permitsKind(new ObjectKey("", "Namespace", "", "kube-system"), false)).isFalse();
    assertThat(rules.permitsKind(new ObjectKey("rbac.authorization.k8s.io", "ClusterRole", "", "any"), false)).isTrue();
    assertThat(rules.permitsKind(new ObjectKey("", "ConfigMap", "", "x"), false)).isFalse();
  }

  @Test
  void withoutANamespacedWhitelistEveryNamespacedKindPassesButTheBlacklisted() {
    AppProjectRules rules = new AppProjectRules(Map.of(
        "namespaceResourceBlacklist", List.of(Map.of("group", "*", "kind", "Secret"))));

    assertThat(rules.permitsKind(namespaced("", "ConfigMap"), true)).isTrue();
    assertThat(rules.permitsKind(namespaced("", "Secret"), true)).isFalse();
    // No cluster whitelist: no cluster-scoped kind.
    assertThat(rules.permitsKind(new ObjectKey("", "Namespace", "", "team-a"), false)).isFalse();
  }

  /**
   * Projects read together share the kind lists they have in common (every tenant's project
   * whitelists the same kinds), and each still decides by its own lists: here the namespaced
   * whitelist is common, the cluster whitelist names each tenant's namespace.
   */
  @Test
  void projectsReadTogetherShareEqualKindListsAndDecideByTheirOwn() {
    AppProjectRules.Lists lists = new AppProjectRules.Lists();
    AppProjectRules first = new AppProjectRules(tenantProject("team-a"), lists);
    AppProjectRules second = new AppProjectRules(tenantProject("team-b"), lists);

    assertThat(second.namespaceWhitelist).isSameAs(first.namespaceWhitelist);
    assertThat(second.clusterWhitelist).isNotEqualTo(first.clusterWhitelist);
    assertThat(second.permitsKind(namespaced("networking.k8s.io", "NetworkPolicy"), true)).isTrue();
    assertThat(second.permitsKind(namespaced("", "Secret"), true)).isFalse();
    assertThat(first.permitsKind(new ObjectKey("", "Namespace", "", "team-a"), false)).isTrue();
    assertThat(second.permitsKind(new ObjectKey("", "Namespace", "", "team-a"), false)).isFalse();
    assertThat(second.permitsKind(new ObjectKey("", "Namespace", "", "team-b"), false)).isTrue();
  }

  private static Map<String, Object> tenantProject(String namespace) {
    return Map.of(
        "namespaceResourceWhitelist", List.of(
            Map.of("group", "networking.k8s.io", "kind", "NetworkPolicy"),
            Map.of("group", "security.istio.io", "kind", "AuthorizationPolicy")),
        "clusterResourceWhitelist", List.of(Map.of("group", "", "kind", "Namespace", "name", namespace)));
  }
}
