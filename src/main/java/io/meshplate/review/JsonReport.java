package io.meshplate.review;

import io.meshplate.reach.FlowChange;
import io.meshplate.rollout.WaveChangesFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The review as JSON, shaped by {@code schema/review-v1.schema.json} (bump the version on any breaking change). */
final class JsonReport {
  static final String SCHEMA_VERSION = "meshplate.io/review/v1";
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonReport() {}

  static String render(Review review) {
    return MAPPER.writeValueAsString(tree(review)) + "\n";
  }

  static Map<String, Object> tree(Review review) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("base", review.base());
    root.put("head", review.head());
    root.put("hasChanges", review.hasChanges());
    Map<String, Object> counts = new LinkedHashMap<>();
    for (ObjectChange.Type type : ObjectChange.Type.values()) {
      counts.put(type.name().toLowerCase(Locale.ROOT),
          review.changes().stream().filter(c -> c.type() == type).count());
    }
    counts.put("tenantsTouched", TextReport.changedTenants(review).size());
    counts.put("tenants", review.tenants());
    root.put("counts", counts);
    List<Object> findings = new ArrayList<>();
    for (Finding f : review.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("category", f.category().name());
      m.put("tenant", f.tenant());
      m.put("subject", f.subject());
      m.put("detail", f.detail());
      m.put("overlays", f.overlays());
      findings.add(m);
    }
    root.put("findings", findings);
    List<Object> deletions = new ArrayList<>();
    for (Deletion d : review.deletions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tenant", d.tenant());
      m.put("tenantRemoved", d.tenantRemoved());
      m.put("overlays", d.overlays());
      m.put("removedObjects", d.removedObjects());
      m.put("baseObjects", d.baseObjects());
      m.put("namespaces", d.namespaces());
      m.put("approved", d.approved());
      m.put("blocked", d.blocked());
      deletions.add(m);
    }
    root.put("deletions", deletions);
    List<Object> edges = new ArrayList<>();
    for (CallEdge e : review.callGraph()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", e.from());
      m.put("to", e.to());
      m.put("state", e.state());
      m.put("overlays", e.overlays());
      edges.add(m);
    }
    root.put("callGraph", edges);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("state", review.outputCheck().state().name());
    output.put("staleFiles", review.outputCheck().staleFiles());
    output.put("problem", review.outputCheck().problem());
    root.put("output", output);
    if (review.scope() == null) {
      root.put("scope", null);
    } else {
      Map<String, Object> scope = new LinkedHashMap<>();
      scope.put("tenants", List.copyOf(review.scope().tenants()));
      scope.put("platformPaths", List.copyOf(review.scope().platformPaths()));
      root.put("scope", scope);
    }
    root.put("waves", WaveChangesFormat.json(review.waves()));
    List<Object> changes = new ArrayList<>();
    for (ObjectChange c : review.changes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", c.type().name());
      m.put("overlay", c.overlay());
      m.put("tenant", c.tenant());
      m.put("file", c.file());
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("group", c.key().group());
      key.put("kind", c.key().kind());
      key.put("namespace", c.key().namespace());
      key.put("name", c.key().name());
      m.put("object", key);
      List<Object> fields = new ArrayList<>();
      for (FieldChange f : c.fields()) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("path", f.path());
        if (f.isSetChange()) {
          fm.put("added", f.added());
          fm.put("removed", f.removed());
        } else {
          fm.put("before", f.before());
          fm.put("after", f.after());
        }
        fields.add(fm);
      }
      m.put("fields", fields);
      changes.add(m);
    }
    root.put("changes", changes);
    if (review.effects() != null) {
      Map<String, Object> effects = new LinkedHashMap<>();
      effects.put("unavailable", review.effects().unavailable());
      List<Object> flows = new ArrayList<>();
      for (FlowChange c : review.effects().changes()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("overlay", c.overlay());
        m.put("family", c.family().name());
        m.put("from", c.from());
        m.put("to", c.to());
        m.put("port", c.port());
        m.put("host", c.host());
        m.put("change", c.change().name());
        m.put("before", c.before());
        m.put("after", c.after());
        m.put("undeclared", c.undeclared());
        m.put("newParty", c.newParty());
        flows.add(m);
      }
      effects.put("flowChanges", flows);
      root.put("effects", effects);
    }
    return root;
  }
}
