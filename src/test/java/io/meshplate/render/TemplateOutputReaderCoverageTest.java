package io.meshplate.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.descriptor.Tenant;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.overlay.OverlayLoader;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.TemplateOutputReader;
import io.meshplate.yaml.YamlLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every template of the project, for every example tenant and overlay: what the fast reader
 * reads equals what the strict reader reads, and every tenant template's output is inside the
 * fast reader's subset (the per-tenant path is what a large render spends its time on).
 */
class TemplateOutputReaderCoverageTest {
  @Test
  void theShippedTemplatesReadTheSameWithBothReaders() {
    Workspace workspace = TestTenants.project();
    List<Tenant> tenants = TestTenants.load(workspace);
    Set<String> outside = new TreeSet<>();
    int read = 0;
    var catalog = OverlayLoader.load(workspace);
    for (OverlayChain chain : catalog.chains().values()) {
      TemplateSet templates = TemplateSet.of(workspace, chain);
      List<Problem> problems = new ArrayList<>();
      TemplateRunner runner = new TemplateRunner(workspace, templates, problems);
      ModelBuilder models = new ModelBuilder(chain, new TreeSet<>(tenants.stream().map(Tenant::name).toList()),
          catalog.meshVersions());
      for (String name : templates.platformTemplates()) {
        read += compare(runner.text(name, models.platform(), "platform", problems), name, outside);
      }
      for (Tenant tenant : tenants) {
        Map<String, Object> model = models.tenant(tenant.name(), tenant.file(), chain.effectiveSpec(tenant));
        for (String name : templates.tenantTemplates()) {
          read += compare(runner.text(name, model, tenant.name(), problems), name, outside);
        }
      }
      assertThat(problems).isEmpty();
    }
    assertThat(read).isGreaterThan(300);
    assertThat(outside).as("templates whose output the fast reader leaves to the strict one")
        .allMatch(name -> name.startsWith("platform/"));
  }

  private static int compare(String text, String template, Set<String> outside) {
    List<Object> strict = new ArrayList<>();
    StrictYaml.readAll(template, text, YamlLimits.PLATFORM, false).forEach(d -> strict.add(d.root()));
    List<Object> fast = TemplateOutputReader.read(text, YamlLimits.PLATFORM);
    if (fast == null) {
      outside.add(template);
      return 0;
    }
    assertThat(fast).as(template + ":\n" + text).isEqualTo(strict);
    return 1;
  }
}
