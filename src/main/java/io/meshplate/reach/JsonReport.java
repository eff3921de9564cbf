package io.meshplate.reach;

import io.meshplate.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.core.JsonEncoding;
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
  static void write(Report report, OutputStream out) {
    write(report, MAPPER.createGenerator(out, JsonEncoding.UTF8));
    try {
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line, for embedding. */
  static void writeCompact(Report report, OutputStream out) {
    write(report, COMPACT.createGenerator(out, JsonEncoding.UTF8));
  }

  /**
   * Field by field through the generator, as UTF-8 bytes: building a map per flow for the mapper
   * to serialise, and writing characters to be encoded after, took most of the time of a report
   * of 1,000 tenants.
   */
  private static void write(Report report, JsonGenerator generator) {
    try (JsonGenerator g = generator) {
      g.writeStartObject();
      g.writeStringProperty("schemaVersion", SCHEMA_VERSION);
      g.writeName("overlays");
      strings(g, report.overlays());
      g.writeName("flows");
      g.writeStartArray();
      for (Flow f : report.flows()) {
        flow(g, f);
      }
      g.writeEndArray();
      g.writeName("errors");
      problems(g, report.errors());
      g.writeName("warnings");
      problems(g, report.warnings());
      g.writeEndObject();
    }
  }

  /** One flow, as the schema shapes it. */
  private static void flow(JsonGenerator g, Flow f) {
    g.writeStartObject();
    g.writeStringProperty("overlay", f.overlay());
    g.writeStringProperty("family", f.family().name());
    g.writeStringProperty("from", f.from());
    g.writeStringProperty("to", f.to());
    g.writeStringProperty("port", f.port());
    g.writeStringProperty("host", f.host());
    g.writeStringProperty("verdict", f.verdict().name());
    g.writeName("requests");
    requests(g, f.requests());
    g.writeName("unknown");
    requests(g, f.unknown());
    g.writeStringProperty("transport", f.transport());
    g.writeBooleanProperty("declared", f.declared());
    g.writeName("undeclared");
    requests(g, f.undeclared());
    g.writeName("blocked");
    requests(g, f.blocked());
    g.writeName("steps");
    g.writeStartArray();
    for (Step s : f.steps()) {
      g.writeStartObject();
      g.writeStringProperty("layer", s.layer().name());
      g.writeStringProperty("outcome", s.outcome());
      g.writeStringProperty("detail", s.detail());
      g.writeName("objects");
      g.writeStartArray();
      for (Origin o : s.objects()) {
        g.writeStartObject();
        g.writeStringProperty("file", o.file());
        g.writeNumberProperty("line", o.line());
        g.writeStringProperty("object", o.object());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeName("admits");
      requests(g, s.admits());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void requests(JsonGenerator g, List<Requests> requests) {
    g.writeStartArray();
    for (Requests r : requests) {
      g.writeStartObject();
      g.writeName("methods");
      strings(g, r.methods());
      g.writeName("paths");
      strings(g, r.paths());
      g.writeName("exceptPaths");
      strings(g, r.exceptPaths());
      g.writeName("hosts");
      strings(g, r.hosts());
      g.writeStringProperty("text", r.display());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void problems(JsonGenerator g, List<Problem> problems) {
    g.writeStartArray();
    for (Problem p : problems) {
      g.writeStartObject();
      g.writeStringProperty("file", p.file());
      g.writeNumberProperty("line", p.line());
      g.writeStringProperty("rule", p.rule());
      g.writeStringProperty("message", p.message());
      g.writeStringProperty("hint", p.hint());
      g.writeStringProperty("text", p.format());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void strings(JsonGenerator g, List<String> strings) {
    g.writeStartArray();
    for (String s : strings) {
      g.writeString(s);
    }
    g.writeEndArray();
  }
}
