package io.meshplate.reach;

import io.meshplate.Problem;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A report as JSON, shaped by {@code schema/reach-v1.schema.json} (a breaking change gets a new
 * version). Written one flow at a time: the report of 1,000 tenants has some 100,000 flows and
 * runs to hundreds of megabytes, which a tree of the whole and its text would hold twice over.
 */
final class JsonReport {
  static final String SCHEMA_VERSION = "meshplate.io/reach/v1";
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  private static final JsonMapper COMPACT = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private JsonReport() {}

  /** Indented, ending with a newline. */
  static void write(Report report, Writer out) {
    write(report, out, MAPPER);
    try {
      out.write("\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One line, for embedding. */
  static void writeCompact(Report report, Writer out) {
    write(report, out, COMPACT);
  }

  private static void write(Report report, Writer out, JsonMapper mapper) {
    try (JsonGenerator g = mapper.createGenerator(out)) {
      g.writeStartObject();
      g.writeName("schemaVersion");
      g.writeString(SCHEMA_VERSION);
      g.writeName("overlays");
      g.writePOJO(report.overlays());
      g.writeName("flows");
      g.writeStartArray();
      for (Flow f : report.flows()) {
        g.writePOJO(flow(f));
      }
      g.writeEndArray();
      g.writeName("errors");
      g.writePOJO(problems(report.errors()));
      g.writeName("warnings");
      g.writePOJO(problems(report.warnings()));
      g.writeEndObject();
    }
  }

  /** One flow, as the schema shapes it: small enough to build whole. */
  private static Map<String, Object> flow(Flow f) {
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
    return m;
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
