package io.meshplate.schemas;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.meshplate.testing.SharedFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The read-only part of a Kubernetes API server kubectl talks to for {@code schemas pull}, over
 * real HTTP: {@code /version}, the CustomResourceDefinition list and the OpenAPI v3 index and
 * documents, served from the upstream files in {@code shared/schemas}. Like a real server it adds
 * bookkeeping to each CRD (uid, resource version, managed fields, status), different on every
 * list, and lists them in a different order each time.
 */
final class FakeApiServer implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The built-in group/versions of Kubernetes 1.31 in shared/schemas. */
  private static final List<String> GROUP_VERSIONS =
      List.of("api/v1", "apis/apps/v1", "apis/networking.k8s.io/v1", "apis/rbac.authorization.k8s.io/v1");

  private final HttpServer server;
  private final List<JsonNode> crds = new ArrayList<>();
  private final AtomicInteger lists = new AtomicInteger();
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  /** Serves the CRDs in these files (globs below shared/schemas) and Kubernetes 1.31. */
  FakeApiServer(String... crdFiles) throws IOException {
    Path schemas = SharedFiles.require("schemas");
    for (String glob : crdFiles) {
      var matcher = schemas.getFileSystem().getPathMatcher("glob:" + glob);
      try (var walk = Files.walk(schemas)) {
        for (Path file : walk.filter(Files::isRegularFile).filter(f -> matcher.matches(schemas.relativize(f))).sorted().toList()) {
          List<JsonNode> docs = YAMLMapper.builder().build().readerFor(JsonNode.class)
              .<JsonNode>readValues(file.toFile()).readAll();
          for (JsonNode doc : docs) {
            if (doc != null && "CustomResourceDefinition".equals(doc.path("kind").asString(""))) {
              crds.add(doc);
            }
          }
        }
      }
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A kubeconfig with one context, {@code context}, pointing at this server. */
  Path kubeconfig(Path dir, String context) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(file, """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster: {server: "%s"}
        users:
        - name: reader
          user: {token: "not-a-secret"}
        contexts:
        - name: %s
          context: {cluster: test, user: reader}
        current-context: %s
        """.formatted(url(), context, context));
    return file;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(path);
    byte[] body;
    if (path.equals("/version")) {
      body = "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.4\"}".getBytes(StandardCharsets.UTF_8);
    } else if (path.equals("/apis/apiextensions.k8s.io/v1/customresourcedefinitions")) {
      body = crdList();
    } else if (path.equals("/openapi/v3")) {
      Map<String, Object> paths = new LinkedHashMap<>();
      GROUP_VERSIONS.forEach(gv -> paths.put(gv, Map.of("serverRelativeURL", "/openapi/v3/" + gv + "?hash=0A1B")));
      body = JSON.writeValueAsBytes(Map.of("paths", paths));
    } else if (path.startsWith("/openapi/v3/") && GROUP_VERSIONS.contains(path.substring(12))) {
      body = Files.readAllBytes(SharedFiles.require("schemas/kubernetes/v1.31")
          .resolve(path.substring(12).replace("/", "__") + "_openapi.json"));
    } else {
      body = "{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":404}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private byte[] crdList() {
    int generation = lists.incrementAndGet();
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode crd : crds) {
      ObjectNode item = (ObjectNode) crd.deepCopy();
      ObjectNode metadata = (ObjectNode) item.get("metadata");
      metadata.put("uid", "uid-" + generation + "-" + items.size());
      metadata.put("resourceVersion", String.valueOf(1000 * generation + items.size()));
      metadata.put("creationTimestamp", "2026-11-0" + generation + "T10:00:00Z");
      metadata.putArray("managedFields").addObject().put("manager", "helm").put("time", "2026-11-0" + generation + "T10:00:00Z");
      item.putObject("status").putObject("acceptedNames").put("kind", item.path("spec").path("names").path("kind").asString());
      items.add(item);
    }
    if (generation % 2 == 0) {
      Collections.reverse(items);
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "apiextensions.k8s.io/v1");
    list.put("kind", "CustomResourceDefinitionList");
    list.put("metadata", Map.of("resourceVersion", String.valueOf(generation)));
    list.put("items", items);
    return JSON.writeValueAsBytes(list);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
