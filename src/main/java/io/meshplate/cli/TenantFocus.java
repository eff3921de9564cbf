package io.meshplate.cli;

import io.meshplate.GuardrailException;
import io.meshplate.InvalidInputException;
import io.meshplate.MeshplateException;
import io.meshplate.Problem;
import io.meshplate.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code validate --tenant T}: every descriptor is still read and checked, because references
 * ({@code calls}, {@code allow.from}) and the cross-tenant guardrails (one owner per namespace
 * and host) need all of them, and a tenant set with one invalid descriptor renders nothing. What
 * the selection changes is the report: problems in the selected descriptors (and in templates)
 * are listed in full, those in other tenants' descriptors are counted with their files. The exit
 * code stays that of the failure.
 */
final class TenantFocus {
  private TenantFocus() {}

  static Pipeline.Validated validate(Pipeline pipeline, Set<String> tenants) {
    if (tenants.isEmpty()) {
      return pipeline.validate();
    }
    try {
      return pipeline.validate();
    } catch (InvalidInputException | GuardrailException failure) {
      throw narrow(failure, tenants);
    }
  }

  /**
   * The warnings about the selected tenants' descriptors, and those about no descriptor (a
   * rendered object); all of them when no tenant is selected.
   */
  static List<Problem> warnings(List<Problem> warnings, Set<String> tenants) {
    if (tenants.isEmpty()) {
      return warnings;
    }
    Set<String> selected = new TreeSet<>();
    tenants.forEach(t -> selected.add("tenants/" + t + ".yaml"));
    return warnings.stream().filter(w -> !w.file().startsWith("tenants/") || selected.contains(w.file())).toList();
  }

  private static MeshplateException narrow(MeshplateException failure, Set<String> tenants) {
    Set<String> selected = new TreeSet<>();
    tenants.forEach(t -> selected.add("tenants/" + t + ".yaml"));
    List<Problem> shown = new ArrayList<>();
    SortedSet<String> otherFiles = new TreeSet<>();
    int others = 0;
    for (Problem problem : failure.problems()) {
      if (problem.file().startsWith("tenants/") && !selected.contains(problem.file())) {
        others++;
        otherFiles.add(problem.file());
      } else {
        shown.add(problem);
      }
    }
    if (others == 0) {
      return failure;
    }
    boolean ownProblems = shown.stream().anyMatch(p -> selected.contains(p.file()));
    String summary = (ownProblems ? "" : "no problems in " + String.join(", ", selected) + "; ")
        + others + (others == 1 ? " problem" : " problems") + " in other descriptors ("
        + String.join(", ", otherFiles) + ") keep the tenant set from rendering"
        + " (run meshplate validate without --tenant to list them)";
    return failure instanceof GuardrailException
        ? new GuardrailException(summary, shown)
        : new InvalidInputException(summary, shown);
  }
}
