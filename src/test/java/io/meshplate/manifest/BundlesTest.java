package io.meshplate.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How an output path names its overlay, tenant and hub folder, read without splitting it. */
class BundlesTest {
  private static final List<String> PATHS = List.of("prod/tenants/payments/sidecar.yaml",
      "prod/tenants/payments/argocd/projects.yaml", "prod/tenants/payments/", "prod/tenants/payments",
      "prod/tenants//x.yaml", "prod/tenants/x.yaml", "prod/platform/mesh.yaml", "prod/platform/tenants/x/y.yaml",
      "prod/tenantsx/a/b.yaml", "prod/kustomization.yaml", "tenants/a/b.yaml", "prod", "");

  /** The tenant is the third segment of a path of four or more whose second is {@code tenants}. */
  @Test
  void tenantOfIsTheThirdSegmentUnderTenants() {
    for (String path : PATHS) {
      String[] parts = path.split("/", -1);
      String expected = parts.length >= 4 && parts[1].equals("tenants") ? parts[2] : null;
      assertThat(Bundles.tenantOf(path)).as(path).isEqualTo(expected);
    }
    assertThat(Bundles.tenantOf("prod/tenants/payments/sidecar.yaml")).isEqualTo("payments");
    assertThat(Bundles.tenantOf("prod/platform/tenants/x/y.yaml")).isNull();
  }

  @Test
  void aHubFolderEndsInItsOwnArgocdSegment() {
    assertThat(Bundles.isHub("prod/platform/argocd")).isTrue();
    assertThat(Bundles.isHub("prod/tenants/payments/argocd")).isTrue();
    assertThat(Bundles.isHub("prod/tenants/payments")).isFalse();
    assertThat(Bundles.isHub("prod/tenants/myargocd")).isFalse();
    assertThat(Bundles.isHub("argocd")).isFalse();
    assertThat(Bundles.isHub("/argocd")).isTrue();
  }
}
