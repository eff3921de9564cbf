package io.meshplate.review;

import io.meshplate.Workspace;
import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Each tenant's {@code spec.owners} as one side of a review has them. Owners decide who approves
 * a tenant's changes (CODEOWNERS), so a change of owners is a change a reviewer must see even
 * though it alters no rendered object. A descriptor that does not parse, or whose owners are not
 * a list of strings, is left out: the side's own validation reports it.
 */
final class TenantOwners {
  static final String FOLDER = "tenants/";
  private static final String EXTENSION = ".yaml";

  private TenantOwners() {}

  /** The owners of every descriptor in the workspace's {@code tenants/} folder. */
  static SortedMap<String, List<String>> read(Workspace workspace) {
    SortedMap<String, List<String>> owners = new TreeMap<>();
    if (!Files.isDirectory(workspace.tenants(), LinkOption.NOFOLLOW_LINKS)) {
      return owners;
    }
    try (Stream<Path> files = Files.list(workspace.tenants())) {
      for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
        add(FOLDER + file.getFileName(), Files.readAllBytes(file), owners);
      }
    } catch (IOException e) {
      return owners; // the review still shows every object change; validation reports the folder
    }
    return owners;
  }

  /** Adds the owners of descriptor {@code path} ({@code tenants/<name>.yaml}) when it has readable ones. */
  static void add(String path, byte[] content, SortedMap<String, List<String>> owners) {
    String name = path.substring(FOLDER.length());
    if (name.contains("/") || !name.endsWith(EXTENSION)) {
      return;
    }
    StrictYaml.parse(path, content, YamlLimits.DESCRIPTOR).document().ifPresent(document -> {
      String tenant = name.substring(0, name.length() - EXTENSION.length());
      if (document.rootMap().get("spec") instanceof Map<?, ?> spec) {
        if (spec.get("owners") == null) {
          owners.put(tenant, List.of()); // no owners: the platform team approves
        } else if (spec.get("owners") instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
          owners.put(tenant, list.stream().map(String.class::cast).sorted().distinct().toList());
        }
      }
    });
  }
}
