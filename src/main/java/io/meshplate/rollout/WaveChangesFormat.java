package io.meshplate.rollout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wave moves and removals with their checklists, as text, markdown and JSON trees: shared by
 * {@code meshplate waves} (the next step) and {@code meshplate diff} (a pull request's section).
 */
public final class WaveChangesFormat {
  private WaveChangesFormat() {}

  /** Indented plain text, one block per move and removal. */
  public static void text(StringBuilder out, WaveChanges changes, String indent) {
    for (WaveMove move : changes.moves()) {
      out.append(indent).append(headline(move)).append('\n');
      out.append(indent).append("  namespaces: ").append(String.join(", ", move.namespaces().stream()
          .map(MeshState.Namespace::name).toList())).append('\n');
      out.append(indent).append("  gateways that move: ").append(move.gateways().isEmpty() ? "none" : String.join(", ", move.gateways()))
          .append('\n');
      steps(out, move.checklist(), indent + "  ");
    }
    for (Removal removal : changes.removals()) {
      out.append(indent).append(removal.overlay()).append(": ").append(removal.display()).append(" is no longer used\n");
      steps(out, removal.checklist(), indent + "  ");
    }
  }

  private static void steps(StringBuilder out, List<Step> steps, String indent) {
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      out.append(indent).append(i + 1).append(". ").append(step.title()).append('\n');
      step.commands().forEach(c -> out.append(indent).append("     $ ").append(c).append('\n'));
    }
  }

  /** Markdown: a heading per move and removal (at {@code level}), the checklist as a task list with command blocks. */
  public static void markdown(StringBuilder out, WaveChanges changes, String level) {
    for (WaveMove move : changes.moves()) {
      out.append(level).append(' ').append(md(headline(move))).append("\n\n");
      if (move.rollback()) {
        out.append("> [!WARNING]\n> This moves back to an older version: the old revision must still run").append(
            move.to().smcp() ? "." : " (`oc get istiorevision " + move.to().name() + "`): once the operator pruned it,"
                + " the namespaces' new pods get no sidecar and the admission policy refuses them.").append("\n\n");
      }
      out.append("Namespaces: ").append(String.join(", ", move.namespaces().stream().map(n -> "`" + n.name() + "`").toList()))
          .append("  \nGateways that move: ")
          .append(move.gateways().isEmpty() ? "none" : String.join(", ", move.gateways().stream().map(g -> "`" + g + "`").toList()))
          .append("\n\n");
      steps(out, move.checklist());
    }
    for (Removal removal : changes.removals()) {
      out.append(level).append(' ').append(md(removal.overlay() + ": " + removal.display() + " is no longer used")).append("\n\n");
      steps(out, removal.checklist());
    }
  }

  private static void steps(StringBuilder out, List<Step> steps) {
    for (Step step : steps) {
      out.append("- [ ] ").append(md(step.title())).append('\n');
      if (!step.commands().isEmpty()) {
        out.append("  ```sh\n");
        step.commands().forEach(c -> out.append("  ").append(c).append('\n'));
        out.append("  ```\n");
      }
    }
    out.append('\n');
  }

  /** The JSON tree: {@code {moves: [...], removals: [...]}}. */
  public static Map<String, Object> json(WaveChanges changes) {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Object> moves = new ArrayList<>();
    for (WaveMove move : changes.moves()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("overlay", move.overlay());
      m.put("wave", move.wave());
      m.put("from", governor(move.from()));
      m.put("to", governor(move.to()));
      m.put("rollback", move.rollback());
      List<Object> namespaces = new ArrayList<>();
      for (MeshState.Namespace ns : move.namespaces()) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("namespace", ns.name());
        n.put("tenant", ns.tenant());
        n.put("gateways", ns.gateways());
        namespaces.add(n);
      }
      m.put("namespaces", namespaces);
      m.put("checklist", steps(move.checklist()));
      moves.add(m);
    }
    root.put("moves", moves);
    List<Object> removals = new ArrayList<>();
    for (Removal removal : changes.removals()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("overlay", removal.overlay());
      r.put("kind", removal.smcp() ? "ServiceMeshControlPlane" : "IstioRevision");
      r.put("name", removal.name());
      r.put("checklist", steps(removal.checklist()));
      removals.add(r);
    }
    root.put("removals", removals);
    return root;
  }

  private static Map<String, Object> governor(MeshState.Governor g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", g.smcp() ? "ServiceMeshControlPlane" : "IstioRevision");
    m.put("name", g.name());
    m.put("tag", g.tag());
    m.put("version", g.version());
    return m;
  }

  private static List<Object> steps(List<Step> steps) {
    List<Object> list = new ArrayList<>();
    for (Step step : steps) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("title", step.title());
      s.put("commands", step.commands());
      list.add(s);
    }
    return list;
  }

  static String headline(WaveMove move) {
    return move.overlay() + ": " + (move.wave() == null ? "namespaces" : "wave " + move.wave()) + (move.rollback() ? " moves back from " : " moves from ")
        + move.from().display() + " to " + move.to().display() + " (" + move.namespaces().size()
        + (move.namespaces().size() == 1 ? " namespace)" : " namespaces)");
  }

  /** Escapes what markdown would read as markup in generated text. */
  static String md(String text) {
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;").replace("|", "\\|");
  }
}
