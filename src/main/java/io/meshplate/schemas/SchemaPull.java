package io.meshplate.schemas;

import io.meshplate.OutputException;
import io.meshplate.Problem;
import io.meshplate.UsageException;
import io.meshplate.Workspace;
import io.meshplate.manifest.RenderedFile;
import io.meshplate.manifest.RenderedTree;
import io.meshplate.overlay.OverlayCatalog;
import io.meshplate.yaml.Messages;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code meshplate schemas pull}: exports from a cluster, with {@code kubectl}, the schemas of
 * exactly the kinds the selected overlays render: the CustomResourceDefinitions that serve them,
 * and the Kubernetes OpenAPI v3 document of every other group/version (always {@code api/v1}, for
 * ObjectMeta). They are written into {@code <schemas folder>/<into>/} ({@code crds/<name>.yaml},
 * {@code openapi/<path>_openapi.json}, and a README naming the command), all at once and
 * byte-stable: cluster bookkeeping (status, managed fields, uid, resource version, timestamps) is
 * dropped and keys are sorted, so pulling an unchanged cluster again changes nothing.
 */
public final class SchemaPull {
  static final String RESPONSE = "SCHEMAS-CLUSTER-RESPONSE";
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static final String OPENAPI = "/openapi/v3";
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private SchemaPull() {}

  /**
   * What to pull, from where, into which folder.
   *
   * @param overlays the overlays whose kinds are exported (all when empty), sorted
   * @param kubeconfig a kubeconfig file, or null for kubectl's default
   * @param context a context of the kubeconfig, or null for its current context
   * @param into the folder below the schemas folder; null: the context name
   */
  public record Request(Workspace workspace, SortedSet<String> overlays, Path kubeconfig, String context, String into) {}

  /**
   * What was pulled.
   *
   * @param folder where the files are
   * @param context the context they came from
   * @param crds CustomResourceDefinitions written
   * @param documents OpenAPI documents written
   * @param changed false when the folder already held exactly these files
   * @param notServed kinds the overlays render that the cluster does not serve ({@code apiVersion kind})
   * @param unselected overlays whose {@code validation.schemas} select none of the new files
   */
  public record Result(Path folder, String context, int crds, int documents, boolean changed,
      SortedSet<String> notServed, SortedSet<String> unselected) {}

  /** A kind the overlays render. */
  private record Kind(String group, String version, String kind) implements Comparable<Kind> {
    static Kind of(Map<String, Object> object) {
      String apiVersion = String.valueOf(object.get("apiVersion"));
      int slash = apiVersion.indexOf('/');
      return new Kind(slash < 0 ? "" : apiVersion.substring(0, slash), apiVersion.substring(slash + 1),
          String.valueOf(object.get("kind")));
    }

    String display() {
      return (group.isEmpty() ? "" : group + "/") + version + " " + kind;
    }

    /** Where the API server publishes its OpenAPI v3 document. */
    String openApiPath() {
      return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }

    @Override
    public int compareTo(Kind o) {
      return display().compareTo(o.display());
    }
  }

  /**
   * Pulls the schemas of the kinds in {@code rendered}.
   *
   * @param rendered the selected overlays, rendered in memory
   * @param catalog the overlays, for their {@code validation.schemas}
   */
  public static Result pull(Request request, RenderedTree rendered, OverlayCatalog catalog) {
    Kubectl kubectl = new Kubectl(request.kubeconfig(), request.context());
    String context = kubectl.context(request.context());
    String into = folderName(request.into() != null ? request.into() : context, request.into() != null);
    SortedSet<Kind> used = new TreeSet<>();
    for (RenderedFile file : rendered.files().values()) {
      if (file.template() != null) {
        file.objects().forEach(o -> used.add(Kind.of(o)));
      }
    }
    SortedMap<String, byte[]> files = new TreeMap<>();
    SortedSet<Kind> missing = new TreeSet<>(used);
    int crds = crds(kubectl, missing, files);
    int documents = openApi(kubectl, missing, files);
    files.put("README.md", readme(request, context, into, crds, documents).getBytes(StandardCharsets.UTF_8));
    Path schemas = SchemaFolder.projectFolder(request.workspace());
    Path folder = schemas.resolve(into);
    boolean changed = FolderSwap.replace(folder, files);
    SortedSet<String> notServed = new TreeSet<>();
    missing.forEach(k -> notServed.add(k.display()));
    return new Result(folder, context, crds, documents, changed, notServed,
        unselected(request, catalog, into, files.keySet()));
  }

  /** The CRDs serving a used kind, without cluster bookkeeping; each found kind leaves {@code missing}. */
  @SuppressWarnings("unchecked")
  private static int crds(Kubectl kubectl, SortedSet<Kind> missing, SortedMap<String, byte[]> files) {
    Map<String, Object> list = json(kubectl.raw(CRDS), CRDS);
    int count = 0;
    for (Object item : list.get("items") instanceof List<?> items ? items : List.of()) {
      if (!(item instanceof Map<?, ?> crd) || !(crd.get("spec") instanceof Map<?, ?> spec)) {
        continue;
      }
      String group = String.valueOf(spec.get("group"));
      String kind = spec.get("names") instanceof Map<?, ?> names ? String.valueOf(names.get("kind")) : "";
      Set<Kind> served = new TreeSet<>();
      for (Object version : spec.get("versions") instanceof List<?> versions ? versions : List.of()) {
        if (version instanceof Map<?, ?> v && !Boolean.FALSE.equals(v.get("served"))) {
          served.add(new Kind(group, String.valueOf(v.get("name")), kind));
        }
      }
      if (served.stream().noneMatch(missing::contains)) {
        continue;
      }
      missing.removeAll(served);
      String name = crd.get("metadata") instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : group + "." + kind;
      Map<String, Object> clean = new TreeMap<>();
      clean.put("apiVersion", "apiextensions.k8s.io/v1");
      clean.put("kind", "CustomResourceDefinition");
      clean.put("metadata", Map.of("name", name));
      clean.put("spec", (Map<String, Object>) spec);
      files.put("crds/" + safeFileName(name) + ".yaml", YAML.writeValueAsBytes(clean));
      count++;
    }
    return count;
  }

  /**
   * The OpenAPI v3 documents of the group/versions of the kinds no CRD served, plus {@code api/v1}
   * (ObjectMeta, which the check uses for the metadata of custom resources).
   */
  private static int openApi(Kubectl kubectl, SortedSet<Kind> missing, SortedMap<String, byte[]> files) {
    Map<String, Object> index = json(kubectl.raw(OPENAPI), OPENAPI);
    Map<?, ?> paths = index.get("paths") instanceof Map<?, ?> p ? p : Map.of();
    SortedSet<String> wanted = new TreeSet<>();
    wanted.add("api/v1");
    missing.forEach(k -> wanted.add(k.openApiPath()));
    int count = 0;
    for (String path : wanted) {
      if (!paths.containsKey(path)) {
        continue;
      }
      String url = OPENAPI + "/" + path;
      Map<String, Object> document = json(kubectl.raw(url), url);
      missing.removeIf(k -> k.openApiPath().equals(path) && defines(document, k));
      files.put("openapi/" + path.replace("/", "__") + "_openapi.json", JSON.writeValueAsBytes(document));
      count++;
    }
    return count;
  }

  private static boolean defines(Map<String, Object> document, Kind kind) {
    Object schemas = document.get("components") instanceof Map<?, ?> c ? c.get("schemas") : null;
    if (!(schemas instanceof Map<?, ?> all)) {
      return false;
    }
    for (Object schema : all.values()) {
      Object gvks = schema instanceof Map<?, ?> s ? s.get("x-kubernetes-group-version-kind") : null;
      for (Object gvk : gvks instanceof List<?> list ? list : List.of()) {
        if (gvk instanceof Map<?, ?> g && kind.group().equals(g.get("group")) && kind.version().equals(g.get("version"))
            && kind.kind().equals(g.get("kind"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Overlays whose globs select none of the pulled files: they would not be checked against them. */
  private static SortedSet<String> unselected(Request request, OverlayCatalog catalog, String into, Set<String> files) {
    SortedSet<String> overlays = new TreeSet<>();
    for (String overlay : request.overlays().isEmpty() ? catalog.names() : request.overlays()) {
      List<PathMatcher> globs = new ArrayList<>();
      Object validation = catalog.chain(overlay).values().get("validation");
      Object schemas = validation instanceof Map<?, ?> v ? v.get("schemas") : null;
      for (Object glob : schemas instanceof List<?> list ? list : List.of()) {
        globs.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      }
      boolean selects = files.stream().map(f -> Path.of(into, f)).anyMatch(f -> globs.stream().anyMatch(g -> g.matches(f)));
      if (!selects) {
        overlays.add(overlay);
      }
    }
    return overlays;
  }

  private static String readme(Request request, String context, String into, int crds, int documents) {
    return "# Cluster schemas: " + context + "\n\n"
        + "Exported by `meshplate schemas pull` from the API of the cluster of kubectl context `" + context + "`,"
        + " for the kinds overlays " + (request.overlays().isEmpty() ? "(all)" : String.join(", ", request.overlays()))
        + " render: " + crds + " CustomResourceDefinitions (`crds/`) and " + documents
        + " Kubernetes OpenAPI v3 documents (`openapi/`).\n\n"
        + "Generated: do not edit. Pull again after a cluster upgrade; an overlay validates against these files\n"
        + "when its `validation.schemas` selects them (e.g. `" + into + "/**`).\n";
  }

  private static Map<String, Object> json(byte[] body, String path) {
    try {
      Object tree = JSON.readValue(body, Object.class);
      if (tree instanceof Map<?, ?>) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) tree;
        return map;
      }
    } catch (JacksonException e) {
      // reported below
    }
    throw new OutputException(List.of(new Problem("kubectl", 0, 0, RESPONSE,
        "the cluster's answer to GET " + path + " is not a JSON object",
        "check that the kubeconfig points at a Kubernetes API server")));
  }

  /** A folder name below the schemas folder: one path segment. */
  private static String folderName(String name, boolean given) {
    String cleaned = given ? name : name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
    if (!cleaned.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
      throw new UsageException(List.of(new Problem("--into", 0, 0, "SCHEMAS-INTO-INVALID",
          "'" + Messages.escape(name) + "' is not a folder name (letters, digits, '.', '_', '-'; one path segment)",
          "name the folder with --into, e.g. --into prod")));
    }
    return cleaned;
  }

  private static String safeFileName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
