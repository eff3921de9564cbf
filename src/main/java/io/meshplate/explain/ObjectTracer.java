package io.meshplate.explain;

import io.meshplate.DidYouMean;
import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.manifest.ObjectKey;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.overlay.Overlay;
import io.meshplate.overlay.OverlayChain;
import io.meshplate.yaml.Messages;
import io.meshplate.yaml.SourceMap;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Explains the rendered objects of one output folder: for an object its file, its template and
 * the overlay folder that supplied it, every overlay patch applied to it (in order, with
 * {@code file:line}) and the overlay labels and annotations it received; for the folder a summary.
 */
final class ObjectTracer {
  private final Workspace workspace;
  private final OverlayChain chain;
  private final List<RenderedFile> files;

  /** @param files the rendered files of one folder ({@code <overlay>/tenants/<t>/} or {@code <overlay>/platform/}) */
  ObjectTracer(Workspace workspace, OverlayChain chain, List<RenderedFile> files) {
    this.workspace = workspace;
    this.chain = chain;
    this.files = files.stream().filter(f -> f.template() != null).toList();
  }

  Explanation object(String typed, String subject) {
    Found found = find(typed);
    ObjectKey key = found.key();
    RenderedFile file = found.file();
    List<String> lines = new ArrayList<>();
    lines.add(key.display() + (key.group().isEmpty() ? "" : " (" + key.group() + ")") + " " + subject
        + " (chain: base > " + String.join(" > ", chain.names()) + ")");
    Table facts = new Table("");
    facts.row("file:", workspace.display(workspace.output().resolve(file.path())));
    facts.row("template:", file.template() + " from " + templateOrigin(file.template()));
    lines.addAll(facts.lines());
    List<String> origins = file.patchOrigins().getOrDefault(key, List.of());
    if (origins.isEmpty()) {
      lines.add("patches: none");
    } else {
      lines.add("patches, in the order applied:");
      Table patches = new Table("  ");
      for (int i = 0; i < origins.size(); i++) {
        patches.row((i + 1) + ".", origins.get(i), describePatch(origins.get(i)));
      }
      lines.addAll(patches.lines());
    }
    lines.addAll(metadataLayers("labels", "metadata.labels"));
    lines.addAll(metadataLayers("annotations", "metadata.annotations (and the pod template of workloads)"));
    return new Explanation(lines);
  }

  Explanation summary(List<String> heading) {
    List<String> lines = new ArrayList<>(heading);
    String folder = commonFolder();
    lines.add("files in " + workspace.display(workspace.output().resolve(folder)) + "/, with their templates:");
    Table table = new Table("  ");
    for (RenderedFile file : files) {
      long patched = file.patchOrigins().values().stream().filter(o -> !o.isEmpty()).count();
      table.row(file.path().substring(folder.length()),
          templateOrigin(file.template()),
          file.objects().size() + (file.objects().size() == 1 ? " object" : " objects")
              + (patched == 0 ? "" : ", " + patched + " patched"));
    }
    lines.addAll(table.lines());
    lines.addAll(metadataLayers("labels", "every object"));
    lines.addAll(metadataLayers("annotations", "every object"));
    return new Explanation(lines);
  }

  /** The folder all files lie in (hub sub-folder files are shown with their sub-folder), ending in /. */
  private String commonFolder() {
    String folder = null;
    for (RenderedFile file : files) {
      String own = file.path().substring(0, file.path().lastIndexOf('/') + 1);
      folder = folder == null || folder.startsWith(own) ? own : folder;
    }
    return folder == null ? "" : folder;
  }

  private record Found(ObjectKey key, RenderedFile file) {}

  /** {@code KIND/NAME} or {@code KIND/NAMESPACE/NAME}; the kind ignores case. */
  private Found find(String typed) {
    String[] parts = typed.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
      throw usage("'" + Messages.escape(typed) + "' is not KIND/NAME or KIND/NAMESPACE/NAME",
          "e.g. --object Deployment/storefront-prod-ingress");
    }
    String kind = parts[0].toLowerCase(Locale.ROOT);
    String namespace = parts.length == 3 ? parts[1] : null;
    String name = parts[parts.length - 1];
    List<Found> matches = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (RenderedFile file : files) {
      for (Map<String, Object> object : file.objects()) {
        ObjectKey key = ObjectKey.of(object);
        known.add(key.kind() + "/" + key.name());
        if (key.kind().toLowerCase(Locale.ROOT).equals(kind) && key.name().equals(name)
            && (namespace == null || key.namespace().equals(namespace))) {
          matches.add(new Found(key, file));
        }
      }
    }
    if (matches.isEmpty()) {
      throw usage("no rendered object " + Messages.escape(typed) + " in this folder",
          DidYouMean.hint(parts[0] + "/" + name, known, "objects here: " + String.join(", ", known.stream().sorted().limit(12).toList())
              + (known.size() > 12 ? ", ..." : "")));
    }
    if (matches.size() > 1) {
      throw usage(Messages.escape(typed) + " names " + matches.size() + " objects",
          "add the namespace or group: " + String.join(", ", matches.stream().map(f -> f.key().display()).toList()));
    }
    return matches.get(0);
  }

  /** Which layer supplied a template: the most specific overlay folder holding it, else base. */
  private String templateOrigin(String template) {
    boolean inBase = Files.isRegularFile(workspace.baseTemplates().resolve(template));
    for (int i = chain.overlays().size() - 1; i >= 0; i--) {
      Overlay overlay = chain.overlays().get(i);
      if (Files.isRegularFile(overlay.directory().resolve(template))) {
        return workspace.display(overlay.directory().resolve(template)) + " (overlay " + overlay.name()
            + (inBase ? ", replaces base)" : ", added)");
      }
    }
    return workspace.display(workspace.baseTemplates().resolve(template)) + " (base)";
  }

  /** {@code strategic merge, target Deployment/storefront-prod-ingress} for a patch origin. */
  private String describePatch(String origin) {
    for (Overlay overlay : chain.overlays()) {
      if (!origin.startsWith(overlay.file() + ":") || !(overlay.patches() instanceof List<?> patches)) {
        continue;
      }
      for (int i = 0; i < patches.size(); i++) {
        String at = SourceMap.child("/patches", i);
        if (origin.equals(overlay.file() + ":" + overlay.positions().value(at).line())
            && patches.get(i) instanceof Map<?, ?> entry) {
          return kindOf(entry.get("patch")) + ", " + target(entry.get("target"));
        }
      }
    }
    return "";
  }

  private static String kindOf(Object body) {
    boolean json = body instanceof List<?>
        || body instanceof String text && (text.stripLeading().startsWith("-") || text.stripLeading().startsWith("["));
    return json ? "JSON 6902" : "strategic merge";
  }

  private static String target(Object target) {
    if (!(target instanceof Map<?, ?> map)) {
      return "the object the patch names";
    }
    List<String> parts = new ArrayList<>();
    for (String field : List.of("group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector")) {
      if (map.get(field) != null) {
        parts.add(field + "=" + Messages.escape(String.valueOf(map.get(field))));
      }
    }
    return "target " + String.join(" ", parts);
  }

  /** The overlays of the chain that add labels (or annotations), each key with its line. */
  private List<String> metadataLayers(String section, String where) {
    List<String> lines = new ArrayList<>();
    Table table = new Table("  ");
    for (Overlay overlay : chain.overlays()) {
      Object raw = "labels".equals(section) ? overlay.labels() : overlay.annotations();
      if (raw instanceof Map<?, ?> map) {
        map.forEach((k, v) -> table.row(
            overlay.file() + ":" + overlay.positions().value(SourceMap.child("/" + section, (String) k)).line(),
            Messages.escape(k + ": " + v)));
      }
    }
    List<String> rows = table.lines();
    if (!rows.isEmpty()) {
      lines.add(section + " added to " + where + ", parent overlay first:");
      lines.addAll(rows);
    }
    return lines;
  }

  private static UsageException usage(String message, String hint) {
    return new UsageException(List.of(new Problem("--object", 0, 0, "EXPLAIN-UNKNOWN-OBJECT", message, hint)));
  }
}
