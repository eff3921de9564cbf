package io.meshplate.render;

import io.meshplate.FileKind;
import io.meshplate.IoFailure;
import io.meshplate.Problem;
import io.meshplate.Workspace;
import io.meshplate.manifest.Bundles;
import io.meshplate.overlay.OverlayChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
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
 * @param refused template files and folders that are symbolic links or special files
 *     ({@code TEMPLATE-NOT-FILE}); while there is one, the set renders nothing
 */
record TemplateSet(List<Path> layers, Path lib, List<String> tenantTemplates, List<String> tenantHubTemplates,
    List<String> platformTemplates, List<String> platformHubTemplates, Map<String, String> displays,
    List<Problem> refused) {
  static final String SUFFIX = ".yaml.ftl";
  static final String DELETE = ".delete";
  static final String NOT_FILE = "TEMPLATE-NOT-FILE";

  static TemplateSet of(Workspace workspace, OverlayChain chain) {
    List<Path> layers = new ArrayList<>(chain.templateDirectories());
    layers.add(workspace.baseTemplates());
    List<String> tenant = names(layers, "tenant");
    List<String> tenantHub = names(layers, "tenant/" + Bundles.HUB);
    List<String> platform = names(layers, "platform");
    List<String> platformHub = names(layers, "platform/" + Bundles.HUB);
    Map<String, String> displays = new HashMap<>();
    for (List<String> names : List.of(tenant, tenantHub, platform, platformHub)) {
      names.forEach(name -> displays.put(name, locate(workspace, layers, name)));
    }
    Path lib = workspace.templates().resolve("lib");
    return new TemplateSet(List.copyOf(layers), lib, tenant, tenantHub, platform, platformHub, Map.copyOf(displays),
        refused(workspace, layers, lib));
  }

  /** The folders of a layer that FreeMarker reads templates from by name. */
  private static final List<String> TEMPLATE_FOLDERS =
      List.of("tenant", "tenant/" + Bundles.HUB, "platform", "platform/" + Bundles.HUB, "lib");

  /**
   * Every template ({@code .ftl}) that is a symbolic link or a special file, and every template
   * folder that is a link, in the layers and {@code templates/lib}. FreeMarker refuses to read a
   * template through a link that leads out of its folder (the link to a shared template, too), and
   * a named pipe is no template at all: either would otherwise fail the run without saying which
   * file, or leave a template out unnoticed. Links are never followed here.
   */
  private static List<Problem> refused(Workspace workspace, List<Path> layers, Path lib) {
    List<Problem> refused = new ArrayList<>();
    List<Path> roots = new ArrayList<>(layers);
    roots.add(lib);
    for (Path root : roots) {
      if (FileKind.of(root) != FileKind.FOLDER) {
        continue; // a link or file at templates/base or templates/lib is refused before the overlays load
      }
      try (Stream<Path> entries = Files.walk(root)) {
        for (Path entry : entries.sorted().toList()) {
          String relative = root.relativize(entry).toString().replace('\\', '/');
          boolean template = entry.getFileName().toString().endsWith(".ftl");
          FileKind kind = FileKind.of(entry);
          if (kind == FileKind.LINK && (template || Files.isDirectory(entry)
              && (root.equals(lib) || TEMPLATE_FOLDERS.contains(relative)))) {
            refused.add(new Problem(workspace.display(entry), 0, 0, NOT_FILE,
                "a symbolic link: templates are read as files and folders inside templates/ only, never through a link",
                "replace the link with a copy of what it points to; an overlay replaces a base template by holding"
                    + " a file of the same name"));
          } else if (template && kind == FileKind.SPECIAL) {
            refused.add(new Problem(workspace.display(entry), 0, 0, NOT_FILE,
                "a special file (a named pipe, socket or device), not a template: it cannot be rendered",
                "replace it with the template file, or remove it"));
          }
        }
      } catch (IOException e) {
        throw IoFailure.of(IoFailure.READ, workspace.display(root), "cannot list the templates", e);
      } catch (UncheckedIOException e) {
        throw IoFailure.of(IoFailure.READ, workspace.display(root), "cannot list the templates", e);
      }
    }
    return List.copyOf(refused);
  }

  /** Every template name, platform first. */
  List<String> all() {
    List<String> all = new ArrayList<>(platformTemplates);
    all.addAll(platformHubTemplates);
    all.addAll(tenantTemplates);
    all.addAll(tenantHubTemplates);
    return all;
  }

  /**
   * Feeds every file a render of this set can read into {@code digest}: the template folders of
   * the chain (deletions included) and {@code templates/lib}, paths and bytes in sorted order.
   */
  void digest(Workspace workspace, MessageDigest digest) {
    List<Path> roots = new ArrayList<>(layers);
    roots.add(lib);
    for (Path root : roots) {
      digest.update(workspace.display(root).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
          digest.update((byte) 0);
          digest.update(Files.readAllBytes(file));
          digest.update((byte) 0);
        }
      } catch (IOException e) {
        throw IoFailure.of(IoFailure.READ, workspace.display(root), "cannot read the templates", e);
      }
    }
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
        throw IoFailure.of(IoFailure.READ, dir.toString(), "cannot list the templates", e);
      }
    }
    return List.copyOf(names);
  }

  /** The file a template name resolves to, as shown in messages. */
  String display(Workspace workspace, String name) {
    if (name == null) {
      return "templates";
    }
    String known = displays.get(name);
    return known != null ? known : locate(workspace, layers, name);
  }

  private static String locate(Workspace workspace, List<Path> layers, String name) {
    Path lib = workspace.templates().resolve("lib");
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
