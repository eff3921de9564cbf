package io.meshplate.reach;

import io.meshplate.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** A report as JSON, shaped by {@code schema/reach-v1.schema.json} (a breaking change gets a new version). */
final class JsonReport {
  static final String SCHEMA_VERSION = "meshplate.io/reach/v1";
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final JsonMapper COMPACT = JsonMapper.builder().build();

  private JsonReport() {}

  static String render(Report report) {
    return MAPPER.writeValueAsString(tree(report)) + "\n";
  }

  /** One line, for embedding. */
  static String compact(Report report) {
    return COMPACT.writeValueAsString(tree(report));
  }

  static Map<String, Object> tree(Report report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("overlays", report.overlays());
    List<Object> flows = new ArrayList<>();
    for (Flow f : report.flows()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("overlay", f.overlay());
      m.put("family", f.family().name());
      m.put("from", f.from());
      m.put("to", f.to());
      m.put("port", f.port());
      m.put("host", f.host());
      m.put("verdict", f.verdict().name());
      m.put("requests", requests(f.requests()));
      m.put("unknown", requests(f.unknown()));
      m.put("transport", f.transport());
      m.put("declared", f.declared());
      m.put("undeclared", requests(f.undeclared()));
      m.put("blocked", requests(f.blocked()));
      List<Object> steps = new ArrayList<>();
      for (Step s : f.steps()) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("layer", s.layer().name());
        sm.put("outcome", s.outcome());
        sm.put("detail", s.detail());
        List<Object> objects = new ArrayList<>();
        for (Origin o : s.objects()) {
          Map<String, Object> om = new LinkedHashMap<>();
          om.put("file", o.file());
          om.put("line", o.line());
          om.put("object", o.object());
          objects.add(om);
        }
        sm.put("objects", objects);
        sm.put("admits", requests(s.admits()));
        steps.add(sm);
      }
      m.put("steps", steps);
      flows.add(m);
    }
    root.put("flows", flows);
    root.put("errors", problems(report.errors()));
    root.put("warnings", problems(report.warnings()));
    return root;
  }

  private static List<Object> requests(List<Requests> requests) {
    List<Object> out = new ArrayList<>();
    for (Requests r : requests) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("methods", r.methods());
      m.put("paths", r.paths());
      m.put("exceptPaths", r.exceptPaths());
      m.put("hosts", r.hosts());
      m.put("text", r.display());
      out.add(m);
    }
    return out;
  }

  private static List<Object> problems(List<Problem> problems) {
    List<Object> out = new ArrayList<>();
    for (Problem p : problems) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", p.file());
      m.put("line", p.line());
      m.put("rule", p.rule());
      m.put("message", p.message());
      m.put("hint", p.hint());
      m.put("text", p.format());
      out.add(m);
    }
    return out;
  }

}
