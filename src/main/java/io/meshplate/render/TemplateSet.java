package io.meshplate.render;

import io.meshplate.OutputException;
import io.meshplate.Workspace;
import io.meshplate.manifest.Bundles;
import io.meshplate.overlay.OverlayChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The templates one overlay renders. Layers are the overlay folders of the chain (most specific
 * first) then {@code templates/base}; a relative path found in a more specific layer replaces the
 * base file, a new path adds a template, and {@code <file>.delete} in an overlay removes the
 * template of that name from the layers below it.
 *
 * <p>Templates in the {@code argocd/} sub-folder of {@code tenant/} or {@code platform/} render
 * into the hub sub-folder of that output folder ({@link Bundles#HUB}): the Argo CD objects that
 * belong to it.
 *
 * @param layers template roots, most specific first, base last
 * @param lib the {@code templates/lib} folder, served as {@code lib/...}
 * @param tenantTemplates names under {@code tenant/}, sorted ({@code tenant/sidecar.yaml.ftl})
 * @param tenantHubTemplates names under {@code tenant/argocd/}, sorted
 * @param platformTemplates names under {@code platform/}, sorted
 * @param platformHubTemplates names under {@code platform/argocd/}, sorted
 */
record TemplateSet(List<Path> layers, Path lib, List<String> tenantTemplates, List<String> tenantHubTemplates,
    List<String> platformTemplates, List<String> platformHubTemplates) {
  static final String SUFFIX = ".yaml.ftl";
  static final String DELETE = ".delete";

  static TemplateSet of(Workspace workspace, OverlayChain chain) {
    List<Path> layers = new ArrayList<>(chain.templateDirectories());
    layers.add(workspace.baseTemplates());
    return new TemplateSet(List.copyOf(layers), workspace.templates().resolve("lib"),
        names(layers, "tenant"), names(layers, "tenant/" + Bundles.HUB),
        names(layers, "platform"), names(layers, "platform/" + Bundles.HUB));
  }

  /** Every template name, platform first. */
  List<String> all() {
    List<String> all = new ArrayList<>(platformTemplates);
    all.addAll(platformHubTemplates);
    all.addAll(tenantTemplates);
    all.addAll(tenantHubTemplates);
    return all;
  }

  private static List<String> names(List<Path> layers, String folder) {
    SortedSet<String> names = new TreeSet<>();
    for (int i = layers.size() - 1; i >= 0; i--) {
      Path dir = layers.get(i).resolve(folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(SUFFIX + DELETE)) {
            names.remove(folder + "/" + name.substring(0, name.length() - DELETE.length()));
          } else if (name.endsWith(SUFFIX) && Files.isRegularFile(file)) {
            names.add(folder + "/" + name);
          }
        }
      } catch (IOException e) {
        throw new OutputException("cannot list " + dir + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(names);
  }

  /** The file a template name resolves to, as shown in messages. */
  String display(Workspace workspace, String name) {
    if (name == null) {
      return "templates";
    }
    if (name.startsWith(LibTemplateLoader.PREFIX)) {
      for (Path layer : layers) {
        if (Files.isRegularFile(layer.resolve(name))) {
          return workspace.display(layer.resolve(name));
        }
      }
      return workspace.display(lib.resolve(name.substring(LibTemplateLoader.PREFIX.length())));
    }
    for (Path layer : layers) {
      if (Files.isRegularFile(layer.resolve(name))) {
        return workspace.display(layer.resolve(name));
      }
    }
    return workspace.display(layers.get(layers.size() - 1).resolve(name));
  }

  /** {@code tenant/sidecar.yaml.ftl} → {@code sidecar.yaml}; {@code tenant/argocd/projects.yaml.ftl} → {@code projects.yaml}. */
  static String outputName(String template) {
    String file = template.substring(template.lastIndexOf('/') + 1);
    return file.substring(0, file.length() - ".ftl".length());
  }
}
