package io.meshplate.descriptor;

import io.meshplate.yaml.SourceMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code spec.environments} and the keys of {@code spec.environmentOverrides} must name
 * overlays that exist ({@code templates/overlays/<name>/}); a typo would otherwise silently
 * drop the tenant from an environment or never apply its override.
 */
final class EnvironmentChecks {
  private EnvironmentChecks() {}

  static void check(Map<String, Object> spec, PlatformConfig platform, List<Finding> findings) {
    List<Object> environments = Nodes.list(spec.get("environments"));
    for (int i = 0; i < environments.size(); i++) {
      String env = Nodes.string(environments.get(i));
      if (env != null) {
        environment(env, SourceMap.child("/spec/environments", i), false, platform, findings);
      }
    }
    for (String env : Nodes.map(spec.get("environmentOverrides")).keySet()) {
      environment(env, SourceMap.child("/spec/environmentOverrides", env), true, platform, findings);
    }
  }

  private static void environment(
      String env, String at, boolean atKey, PlatformConfig platform, List<Finding> findings) {
    Optional<NameRules.Violation> bad = NameRules.dnsLabel(env);
    if (bad.isPresent()) {
      findings.add(new Finding(at, atKey, "NAME-DNS1123",
          "environment " + Hints.quote(env) + " is not a DNS-1123 label: it " + bad.get().message(),
          bad.get().hint()));
      return;
    }
    platform.overlays().filter(overlays -> !overlays.contains(env)).ifPresent(overlays ->
        findings.add(new Finding(at, atKey, "ENV-UNKNOWN",
            "environment " + Hints.quote(env) + " has no overlay in templates/overlays/",
            Hints.suggest(env, overlays, "environments are"))));
  }
}
