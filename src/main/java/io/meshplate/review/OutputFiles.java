package io.meshplate.review;

import io.meshplate.yaml.StrictYaml;
import io.meshplate.yaml.YamlLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which output files hold reviewable objects, and how they are parsed. */
final class OutputFiles {
  static final String OUTPUT = "output/";
  static final String TEMPLATES = "templates/";

  private OutputFiles() {}

  static boolean isManifest(String path) {
    return path.endsWith(".yaml") || path.endsWith(".yml");
  }

  /**
   * The objects of one output file. A {@code kustomization.yaml} is build wiring, not cluster
   * state: it is kept as a file (it marks a tenant folder) but contributes no objects.
   */
  static List<Map<String, Object>> parse(String shownName, String path, byte[] content) {
    if (path.endsWith("/kustomization.yaml") || path.equals("kustomization.yaml")) {
      return List.of();
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    for (StrictYaml.Document document : StrictYaml.readAll(shownName, content, YamlLimits.PLATFORM)) {
      if (document.root() instanceof Map<?, ?>) {
        objects.add(document.rootMap());
      }
    }
    return objects;
  }
}
