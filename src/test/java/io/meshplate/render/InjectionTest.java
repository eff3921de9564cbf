package io.meshplate.render;

import io.meshplate.overlay.OverlayLoader;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.descriptor.Tenant;
import io.meshplate.descriptor.TenantSpec;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.yaml.CanonicalYaml;
import io.meshplate.yaml.SourceMap;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No descriptor string can add YAML structure: hostile values, bypassing the descriptor schema,
 * come back from the rendered (and canonically re-written) YAML as exactly the same strings.
 */
class InjectionTest {
  static final List<String> HOSTILE = List.of(
      "/a\nb: c", "x: y", "---", "/p #comment", "\"quoted\" 'single'", "{{ .Values.x }}",
      "${evil}", "#{legacy}", "line\u2028sep", "para\u2029sep", "nel\u0085x", "tab\tx", "back\\slash",
      "- item", "[flow, seq]", "{flow: map}", "&anchor", "*alias", "!tag", "no", "0755", "1:20",
      "~", "", " lead", "trail ", "bell\u0007del\u007f", "bom\ufeffx", "emoji \uD83D\uDE00");

  private static Tenant hostileTenant() {
    TenantSpec.Service api = new TenantSpec.Service("api",
        List.of(new TenantSpec.Port("http", 8080, "HTTP")),
        List.of(new TenantSpec.AllowRule(new TenantSpec.Source("evil", "web", null), HOSTILE, HOSTILE)));
    List<TenantSpec.EgressHost> egress = HOSTILE.stream()
        .map(h -> new TenantSpec.EgressHost("h" + HOSTILE.indexOf(h) + "." + h, 443, "originate"))
        .toList();
    TenantSpec spec = new TenantSpec(List.of("@acme/evil"), List.of(), List.of(api), List.of(), egress,
        null, null, null);
    return new Tenant("evil", "tenants/evil.yaml", spec, Map.of(), SourceMap.empty("tenants/evil.yaml"));
  }

  // stage, not prod: the shipped prod overlay patches storefront's gateway (not optional), which
  // a workspace holding only the hostile tenant does not have.
  @Test
  @SuppressWarnings("unchecked")
  void hostileStringsRenderToExactlyTheSameStrings() {
    RenderedTree tree = Renderer.freemarker()
        .render(TestTenants.project(), OverlayLoader.load(TestTenants.project()), List.of(hostileTenant()), Set.of("stage"), Set.of());
    RenderedFile policies = tree.files().get("stage/tenants/evil/authorization-policy.yaml");
    Map<String, Object> allow = policies.objects().stream()
        .filter(o -> "api-allow".equals(((Map<?, ?>) o.get("metadata")).get("name"))).findFirst().orElseThrow();
    // Same strings; set-like lists are written sorted, so the order is not the descriptor's.
    assertThat((List<Object>) operation(allow).get("paths")).containsExactlyInAnyOrderElementsOf(HOSTILE);
    assertThat((List<Object>) operation(allow).get("methods")).containsExactlyInAnyOrderElementsOf(HOSTILE);

    RenderedFile entries = tree.files().get("stage/tenants/evil/service-entry.yaml");
    assertThat(entries.objects()).hasSize(HOSTILE.size());
    List<Object> hosts = entries.objects().stream()
        .map(o -> ((List<?>) ((Map<?, ?>) o.get("spec")).get("hosts")).get(0)).map(Object.class::cast).toList();
    assertThat(hosts).containsExactlyInAnyOrderElementsOf(
        HOSTILE.stream().map(h -> "h" + HOSTILE.indexOf(h) + "." + h).toList());
  }

  @Test
  void canonicalFilesParseBackToTheRenderedObjects() {
    RenderedTree tree = Renderer.freemarker()
        .render(TestTenants.project(), OverlayLoader.load(TestTenants.project()), List.of(hostileTenant()), Set.of("dev", "stage"), Set.of());
    for (RenderedFile file : tree.files().values()) {
      List<Object> reread = StrictYaml.readAll(file.path(), CanonicalYaml.write(file), YamlLimits.PLATFORM)
          .stream().map(StrictYaml.Document::root).toList();
      assertThat(reread).as(file.path()).isEqualTo(List.copyOf(file.objects()));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> operation(Map<String, Object> policy) {
    Map<String, Object> spec = (Map<String, Object>) policy.get("spec");
    Map<String, Object> rule = ((List<Map<String, Object>>) spec.get("rules")).get(0);
    Map<String, Object> to = ((List<Map<String, Object>>) rule.get("to")).get(0);
    return (Map<String, Object>) to.get("operation");
  }
}
