package io.meshplate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamespaceMetadataRulesTest {
  private final NamespaceMetadataRules rules = new NamespaceMetadataRules(
      List.of("team", "app.kubernetes.io/part-of", "contact.acme.example/", "openshift.io/cluster-monitoring"),
      List.of("team"), Set.of("tenant.meshplate.io/name", "network.openshift.io/policy-group"));

  @Test
  void allowsExactKeysAndKeysUnderAnAllowedPrefix() {
    assertThat(rules.whyLabelRefused("team")).isEmpty();
    assertThat(rules.whyLabelRefused("app.kubernetes.io/part-of")).isEmpty();
    assertThat(rules.whyLabelRefused("contact.acme.example/slack")).isEmpty();
  }

  @Test
  void refusesKeysNotListedAndPrefixesMatchedOnlyWhole() {
    assertThat(rules.whyLabelRefused("teams")).contains("is not on the platform's allow-list");
    assertThat(rules.whyLabelRefused("contact.acme.example/")).isPresent();
    assertThat(rules.whyLabelRefused("evilcontact.acme.example/x")).isPresent();
    assertThat(rules.whyAnnotationRefused("app.kubernetes.io/part-of")).isPresent();
  }

  @Test
  void refusesPrivilegedAndPlatformKeysEvenWhenAllowListed() {
    assertThat(rules.whyLabelRefused("openshift.io/cluster-monitoring")).get().asString().contains("privileged");
    assertThat(rules.whyLabelRefused("security.openshift.io/scc")).isPresent();
    assertThat(rules.whyLabelRefused("pod-security.kubernetes.io/enforce")).isPresent();
    assertThat(rules.whyLabelRefused("istio-injection")).isPresent();
    assertThat(rules.whyLabelRefused("tenant.meshplate.io/name")).get().asString().contains("platform");
    assertThat(rules.whyLabelRefused("network.openshift.io/policy-group")).isPresent();
  }

  @Test
  void noneAllowsNothing() {
    assertThat(NamespaceMetadataRules.NONE.whyLabelRefused("team")).isPresent();
  }
}
