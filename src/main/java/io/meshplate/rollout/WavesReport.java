package io.meshplate.rollout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code meshplate waves} output: a {@link WavePlan} as text, markdown, or JSON ({@code schema/waves-v1.schema.json}). */
public final class WavesReport {
  /** Identifies the JSON shape; bump it (and add a schema file) on any breaking change. */
  public static final String SCHEMA_VERSION = "meshplate.io/waves/v1";
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private WavesReport() {}

  public static String text(WavePlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("Rollout of overlay ").append(plan.overlay()).append(plan.file() == null ? "" : " (" + plan.file() + ")").append("\n\n");
    out.append("Control planes\n");
    for (WavePlan.ControlPlane cp : plan.controlPlanes()) {
      out.append("  ").append(describe(cp)).append('\n');
    }
    if (!plan.waves().isEmpty()) {
      out.append("\nWaves, in order\n");
      int tenantWidth = plan.waves().stream().flatMap(w -> w.tenants().stream()).mapToInt(t -> t.tenant().length()).max().orElse(0);
      int namespaceWidth = plan.waves().stream().flatMap(w -> w.tenants().stream()).mapToInt(t -> t.namespace().length()).max().orElse(0);
      for (WavePlan.Wave wave : plan.waves()) {
        out.append("  ").append(wave.name()).append(": ").append(wave.version()).append(", ").append(wave.governor())
            .append(wave.tag() == null ? "" : ", tag " + wave.tag()).append('\n');
        if (wave.tenants().isEmpty()) {
          out.append("    (no tenant)\n");
        }
        for (WavePlan.Tenant t : wave.tenants()) {
          out.append("    ").append(pad(t.tenant(), tenantWidth)).append("  ").append(pad(t.namespace(), namespaceWidth))
              .append("  ").append(pad(t.assignedBy(), 10))
              .append(t.gateways().isEmpty() ? "" : "  gateway " + String.join(", ", t.gateways()));
          trimEnd(out);
          out.append('\n');
        }
        if (!wave.absent().isEmpty()) {
          out.append("    assigned, but not rendered to ").append(plan.overlay()).append(": ").append(String.join(", ", wave.absent()))
              .append(" (remove from the wave)\n");
        }
      }
    }
    WavePlan.NextStep next = plan.next();
    out.append("\nNext step: ").append(next.summary()).append('\n');
    for (WavePlan.Edit edit : next.edits()) {
      out.append("  Edit ").append(edit.file()).append(':').append(edit.line());
      if (edit.after().isEmpty()) {
        out.append(": delete ").append(edit.lines() == 1 ? "the line" : edit.lines() + " lines, from")
            .append('\n').append("    - ").append(edit.before()).append(edit.lines() > 1 ? " ..." : "").append('\n');
      } else {
        out.append('\n').append("    - ").append(edit.before()).append('\n').append("    + ").append(edit.after()).append('\n');
      }
    }
    if (!next.edits().isEmpty()) {
      out.append("  Then ./meshplate render, and commit overlay.yaml with output/ in one pull request.\n");
    }
    if (!next.changedFiles().isEmpty()) {
      out.append("  Files that change (").append(next.changedFiles().size()).append("):\n");
      byFolder(next.changedFiles()).forEach((folder, names) ->
          out.append("    output/").append(folder).append("/: ").append(String.join(", ", names)).append('\n'));
    }
    if (!next.changes().isEmpty()) {
      out.append("  Once merged and synced:\n");
      WaveChangesFormat.text(out, next.changes(), "    ");
    }
    return out.toString();
  }

  public static String markdown(WavePlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("## Rollout of overlay `").append(plan.overlay()).append('`');
    if (plan.file() != null) {
      out.append(" (`").append(plan.file()).append("`)");
    }
    out.append("\n\n| control plane | target | version | active revision |\n| --- | --- | --- | --- |\n");
    for (WavePlan.ControlPlane cp : plan.controlPlanes()) {
      out.append("| ").append(cp.kind()).append(" `").append(cp.namespace()).append('/').append(cp.name()).append("` | ")
          .append(cp.target()).append(" | ").append(cp.version()).append(" | ")
          .append(cp.activeRevision() == null ? "" : "`" + cp.activeRevision() + "`").append(" |\n");
    }
    if (!plan.waves().isEmpty()) {
      out.append("\n| wave | version | injected by | tenant | namespace | assigned by | gateways |\n")
          .append("| --- | --- | --- | --- | --- | --- | --- |\n");
      for (WavePlan.Wave wave : plan.waves()) {
        boolean first = true;
        List<WavePlan.Tenant> tenants = wave.tenants().isEmpty() ? List.of(new WavePlan.Tenant("", "", "", List.of())) : wave.tenants();
        for (WavePlan.Tenant t : tenants) {
          out.append("| ").append(first ? "**" + wave.name() + "**" : "").append(" | ").append(first ? wave.version() : "")
              .append(" | ").append(first ? WaveChangesFormat.md(wave.governor()) : "").append(" | ").append(t.tenant())
              .append(" | ").append(t.namespace().isEmpty() ? "" : "`" + t.namespace() + "`").append(" | ").append(t.assignedBy())
              .append(" | ").append(String.join(", ", t.gateways().stream().map(g -> "`" + g + "`").toList())).append(" |\n");
          first = false;
        }
        if (!wave.absent().isEmpty()) {
          out.append("| | | | ").append(String.join(", ", wave.absent())).append(" | | assigned, not rendered here: remove from the wave | |\n");
        }
      }
    }
    WavePlan.NextStep next = plan.next();
    out.append("\n### Next step: ").append(WaveChangesFormat.md(next.summary())).append("\n\n");
    for (WavePlan.Edit edit : next.edits()) {
      out.append("In `").append(edit.file()).append("` line ").append(edit.line())
          .append(edit.after().isEmpty() ? ", delete " + (edit.lines() == 1 ? "the line" : edit.lines() + " lines") + ":" : ":")
          .append("\n\n```diff\n- ").append(edit.before()).append(edit.lines() > 1 ? " ..." : "").append('\n');
      if (!edit.after().isEmpty()) {
        out.append("+ ").append(edit.after()).append('\n');
      }
      out.append("```\n\n");
    }
    if (!next.edits().isEmpty()) {
      out.append("Then `./meshplate render`, and commit `overlay.yaml` with `output/` in one pull request.\n\n");
    }
    if (!next.changedFiles().isEmpty()) {
      out.append("<details><summary>").append(next.changedFiles().size()).append(" files change</summary>\n\n");
      next.changedFiles().forEach(f -> out.append("- `output/").append(f).append("`\n"));
      out.append("\n</details>\n\n");
    }
    WaveChangesFormat.markdown(out, next.changes(), "####");
    return out.toString().stripTrailing() + "\n";
  }

  public static String json(WavePlan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("overlay", plan.overlay());
    root.put("file", plan.file());
    List<Object> planes = new ArrayList<>();
    for (WavePlan.ControlPlane cp : plan.controlPlanes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", cp.kind());
      m.put("name", cp.name());
      m.put("namespace", cp.namespace());
      m.put("target", cp.target());
      m.put("version", cp.version());
      m.put("activeRevision", cp.activeRevision());
      planes.add(m);
    }
    root.put("controlPlanes", planes);
    List<Object> waves = new ArrayList<>();
    for (WavePlan.Wave wave : plan.waves()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", wave.name());
      m.put("version", wave.version());
      m.put("injectedBy", wave.governor());
      m.put("tag", wave.tag());
      m.put("revision", wave.revision());
      List<Object> tenants = new ArrayList<>();
      for (WavePlan.Tenant t : wave.tenants()) {
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("tenant", t.tenant());
        tm.put("namespace", t.namespace());
        tm.put("assignedBy", t.assignedBy());
        tm.put("gateways", t.gateways());
        tenants.add(tm);
      }
      m.put("tenants", tenants);
      m.put("absentTenants", wave.absent());
      waves.add(m);
    }
    root.put("waves", waves);
    Map<String, Object> next = new LinkedHashMap<>();
    next.put("kind", plan.next().kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    next.put("summary", plan.next().summary());
    List<Object> edits = new ArrayList<>();
    for (WavePlan.Edit edit : plan.next().edits()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("file", edit.file());
      e.put("line", edit.line());
      e.put("lines", edit.lines());
      e.put("before", edit.before());
      e.put("after", edit.after());
      edits.add(e);
    }
    next.put("edits", edits);
    next.put("changedFiles", plan.next().changedFiles().stream().map(f -> "output/" + f).toList());
    next.putAll(WaveChangesFormat.json(plan.next().changes()));
    root.put("next", next);
    return MAPPER.writeValueAsString(root) + "\n";
  }

  /** Output paths grouped by folder, in path order. */
  private static Map<String, List<String>> byFolder(List<String> paths) {
    Map<String, List<String>> folders = new TreeMap<>();
    for (String path : paths) {
      int slash = path.lastIndexOf('/');
      folders.computeIfAbsent(path.substring(0, slash), k -> new ArrayList<>()).add(path.substring(slash + 1));
    }
    return folders;
  }

  private static String describe(WavePlan.ControlPlane cp) {
    return cp.kind() + " " + cp.namespace() + "/" + cp.name() + ": " + cp.target() + ", " + cp.version()
        + (cp.activeRevision() == null ? "" : ", active revision " + cp.activeRevision());
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static void trimEnd(StringBuilder out) {
    while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
      out.setLength(out.length() - 1);
    }
  }
}
