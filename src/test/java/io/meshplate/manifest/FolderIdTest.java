package io.meshplate.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshplate.testing.RecordEquality;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A folder sorts and names the paths inside it as its path does, without building that path, and
 * equals and hashes as its record would.
 */
class FolderIdTest {
  /** Overlays and tenants whose paths share prefixes: one name a prefix of another, '-' and '2' beside '/'. */
  private static List<FolderId> folders() {
    List<FolderId> folders = new ArrayList<>();
    for (String overlay : List.of("de", "dev", "dev-eu", "dev2", "prod", "prod.x", "stage")) {
      folders.add(FolderId.platform(overlay));
      for (String tenant : List.of("a", "a-b", "a.b", "ab", "p", "payments", "platform", "tenants")) {
        folders.add(new FolderId(overlay, tenant));
      }
    }
    return folders;
  }

  @Test
  void sortsAsItsPathSorts() {
    for (FolderId a : folders()) {
      for (FolderId b : folders()) {
        assertThat(Integer.signum(a.compareTo(b)))
            .as("%s vs %s", a.path(), b.path())
            .isEqualTo(Integer.signum(a.path().compareTo(b.path())));
      }
    }
  }

  @Test
  void namesWhatLiesInsideItAndKeepsEveryOtherPathWhole() {
    FolderId payments = new FolderId("dev", "payments");
    assertThat(payments.nameOf("dev/tenants/payments")).isEmpty();
    assertThat(payments.nameOf("dev/tenants/payments/argocd/applications.yaml")).isEqualTo("argocd/applications.yaml");
    assertThat(payments.nameOf("dev/tenants/pay")).isEqualTo("/dev/tenants/pay");
    assertThat(payments.nameOf("dev/tenants/payments2/sidecar.yaml")).isEqualTo("/dev/tenants/payments2/sidecar.yaml");
    assertThat(payments.nameOf("dev-eu/tenants/payments/sidecar.yaml")).isEqualTo("/dev-eu/tenants/payments/sidecar.yaml");
    assertThat(payments.nameOf("dev/platform/x.yaml")).isEqualTo("/dev/platform/x.yaml");
    FolderId platform = FolderId.platform("dev");
    assertThat(platform.nameOf("dev/platform/control-plane.yaml")).isEqualTo("control-plane.yaml");
    assertThat(platform.nameOf("dev/platforms/x.yaml")).isEqualTo("/dev/platforms/x.yaml");
    assertThat(platform.nameOf("dev/tenants/a/x.yaml")).isEqualTo("/dev/tenants/a/x.yaml");
    for (FolderId folder : folders()) {
      for (String path : List.of(folder.path(), folder.path() + "/x.yaml", "dev/tenants/a/x.yaml", "dev/platform/y.yaml")) {
        assertThat(folder.pathOf(folder.nameOf(path))).isEqualTo(path);
      }
    }
  }

  /** Its equals and hashCode are written out: they equal and hash as the record's would. */
  @Test
  void equalsAndHashesAsTheRecord() throws ReflectiveOperationException {
    RecordEquality.check(new FolderId("prod", "payments"), Map.of());
    assertThat(FolderId.platform("prod")).isEqualTo(FolderId.platform("prod")).isNotEqualTo(new FolderId("prod", "platform"))
        .hasSameHashCodeAs(FolderId.platform("prod"));
  }

  /** An output file's folder is the tenant's or the overlay's platform folder that holds it, at any depth below. */
  @Test
  void anOutputFileLiesInItsTenantOrPlatformFolder() {
    assertThat(FolderId.of("prod/tenants/payments/sidecar.yaml")).isEqualTo(new FolderId("prod", "payments"));
    assertThat(FolderId.of("prod/tenants/payments/argocd/projects.yaml")).isEqualTo(new FolderId("prod", "payments"));
    assertThat(FolderId.of("prod/tenants/platform/sidecar.yaml")).isEqualTo(new FolderId("prod", "platform"));
    assertThat(FolderId.of("prod/platform/mesh.yaml")).isEqualTo(FolderId.platform("prod"));
    assertThat(FolderId.of("prod/platform/argocd/applications.yaml")).isEqualTo(FolderId.platform("prod"));
    for (String outside : List.of("prod/kustomization.yaml", "prod/tenants/kustomization.yaml", "prod/platform",
        "prod/platformx/a.yaml", "prod/tenantsx/a/b.yaml", "kustomization.yaml", "")) {
      assertThat(FolderId.of(outside)).as(outside).isNull();
    }
    for (FolderId folder : folders()) {
      assertThat(FolderId.of(folder.path() + "/x.yaml")).as(folder.path()).isEqualTo(folder);
    }
  }
}
