package io.meshplate.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Which folder's facts a file of a review's side belongs to. */
class SideFoldersTest {
  @Test
  void aFileBelongsToItsTenantFolderOrItsOverlaysPlatformFolder() {
    assertThat(SideFolders.folderOf("prod/tenants/payments/sidecar.yaml")).isEqualTo("prod/tenants/payments");
    assertThat(SideFolders.folderOf("prod/tenants/payments/argocd/projects.yaml")).isEqualTo("prod/tenants/payments");
    assertThat(SideFolders.folderOf("prod/platform/mesh.yaml")).isEqualTo("prod/platform");
    assertThat(SideFolders.folderOf("prod/platform/argocd/apps.yaml")).isEqualTo("prod/platform");
    assertThat(SideFolders.folderOf("prod/tenants/kustomization.yaml")).isNull();
    assertThat(SideFolders.folderOf("prod/kustomization.yaml")).isNull();
    assertThat(SideFolders.folderOf("prod/platformx/a.yaml")).isNull();
    assertThat(SideFolders.folderOf("kustomization.yaml")).isNull();
  }

  /**
   * Files taken one after the other go to the folder they lie in, also where one folder's name is
   * the start of the next one's ({@code t1}, {@code t10}), and a file of no folder ends the one before.
   */
  @Test
  void eachFileGoesToItsOwnFolderInPathOrder() {
    TreeMap<String, List<Map<String, Object>>> files = new TreeMap<>();
    SideFolders folders = new SideFolders(files, new TreeMap<>(), Map.of());
    List<String> paths = new ArrayList<>(List.of("prod/namespace.yaml", "prod/platform/namespace.yaml",
        "prod/platformx/namespace.yaml", "prod/tenants/t1/namespace.yaml", "prod/tenants/t1/argocd/namespace.yaml",
        "prod/tenants/t10/namespace.yaml", "prod/tenants/t1x.yaml", "prod/tenants/t2/namespace.yaml"));
    for (String path : paths) {
      folders.accept(path, List.of(Map.of("apiVersion", "v1", "kind", "Namespace",
          "metadata", Map.of("name", path.replace('/', '-').replace('.', '-')))));
    }
    Map<String, io.meshplate.reach.Facts> facts = folders.finish();

    assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(paths);
    assertThat(facts.keySet()).containsExactly("prod/platform", "prod/tenants/t1", "prod/tenants/t10", "prod/tenants/t2");
  }
}
