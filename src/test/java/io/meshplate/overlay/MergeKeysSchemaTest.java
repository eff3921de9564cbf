package io.meshplate.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import io.meshplate.testing.Requirement;
import io.meshplate.testing.Requires;
import io.meshplate.testing.SharedFiles;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The merge-key table is what the Kubernetes OpenAPI documents for the kinds meshplate renders. */
@Requires(Requirement.SHARED_SCHEMAS)
class MergeKeysSchemaTest {
  private static final String[][] KINDS = {
    {"api__v1_openapi.json", "v1", "Namespace", "io.k8s.api.core.v1.Namespace"},
    {"api__v1_openapi.json", "v1", "ServiceAccount", "io.k8s.api.core.v1.ServiceAccount"},
    {"api__v1_openapi.json", "v1", "Service", "io.k8s.api.core.v1.Service"},
    {"apis__apps__v1_openapi.json", "apps/v1", "Deployment", "io.k8s.api.apps.v1.Deployment"},
    {"apis__rbac.authorization.k8s.io__v1_openapi.json", "rbac.authorization.k8s.io/v1", "Role",
        "io.k8s.api.rbac.v1.Role"},
    {"apis__rbac.authorization.k8s.io__v1_openapi.json", "rbac.authorization.k8s.io/v1", "RoleBinding",
        "io.k8s.api.rbac.v1.RoleBinding"},
    {"apis__networking.k8s.io__v1_openapi.json", "networking.k8s.io/v1", "NetworkPolicy",
        "io.k8s.api.networking.v1.NetworkPolicy"},
  };

  @Test
  void tableEqualsThePatchMergeListsOfTheKubernetesSchemasExceptThoseKustomizeLacks() throws Exception {
    Path dir = SharedFiles.require("schemas/kubernetes/v1.31");
    JsonMapper json = JsonMapper.builder().build();
    List<String> expected = new ArrayList<>();
    for (String[] kind : KINDS) {
      Map<String, Object> doc = json.readValue(dir.resolve(kind[0]).toFile(), Map.class);
      Map<String, Object> schemas = map(map(doc.get("components")).get("schemas"));
      walk(map(schemas.get(kind[3])), "", schemas, kind[1] + " " + kind[2], expected, 0);
    }
    Collections.sort(expected);
    assertThat(expected).containsAll(MergeKeys.NEWER_THAN_KUSTOMIZE);
    expected.removeAll(MergeKeys.NEWER_THAN_KUSTOMIZE);
    assertThat(MergeKeys.entries()).containsExactlyElementsOf(expected);
  }

  @Test
  void customResourceListsHaveNoMergeKeys() {
    assertThat(MergeKeys.forList("networking.istio.io/v1", "VirtualService", "spec.http")).isNull();
    assertThat(MergeKeys.forList("apps/v1", "Deployment", "spec.template.spec.containers")).containsExactly("name");
    assertThat(MergeKeys.forList("v1", "Service", "spec.ports")).containsExactly("port", "protocol");
  }

  /** Records every list with patch strategy merge; keys from list-map-keys, else the merge key. */
  private static void walk(
      Map<String, Object> schema, String path, Map<String, Object> schemas, String type, List<String> out, int depth) {
    if (depth > 30) {
      return;
    }
    Map<String, Object> resolved = resolve(schema, schemas);
    Object strategy = schema.get("x-kubernetes-patch-strategy");
    if ("array".equals(resolved.get("type")) && strategy instanceof String s && List.of(s.split(",")).contains("merge")) {
      List<String> keys = new ArrayList<>();
      if (schema.get("x-kubernetes-list-map-keys") instanceof List<?> listKeys) {
        listKeys.forEach(k -> keys.add((String) k));
      } else if (schema.get("x-kubernetes-patch-merge-key") instanceof String key) {
        keys.add(key);
      }
      out.add((type + " " + path + " " + String.join(",", keys)).strip());
    }
    if ("array".equals(resolved.get("type")) && resolved.get("items") instanceof Map<?, ?> items) {
      walk(map(items), path + "[]", schemas, type, out, depth + 1);
    }
    if (resolved.get("properties") instanceof Map<?, ?> properties) {
      properties.forEach((k, v) -> walk(map(v), path.isEmpty() ? (String) k : path + "." + k, schemas, type, out, depth + 1));
    }
  }

  private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas) {
    Map<String, Object> current = schema;
    for (int i = 0; i < 10; i++) {
      if (current.get("$ref") instanceof String ref) {
        current = map(schemas.get(ref.substring(ref.lastIndexOf('/') + 1)));
      } else if (current.get("allOf") instanceof List<?> all && all.size() == 1 && !current.containsKey("properties")) {
        current = map(all.get(0));
      } else {
        break;
      }
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

}
